'use client';
import { updateProject } from '@/contracts/projects';
import { answerWithOracle, cancelRound, triggerRound } from '@/contracts/rounds';
import { ErrorLine, useJsonAction } from './use-json-action';

/** What closing annotation early does, with the round's task counts, for the confirmation. */
export function closeAnnotationQuestion(a: { round: number; total: number; open: number }): string {
  const answered = a.total - a.open;
  const tasks = (n: number) => `${n} task${n === 1 ? '' : 's'}`;
  return [
    `Close annotation of round ${a.round} now and train?`,
    `${answered} of ${tasks(a.total)} answered: the model trains on ${answered === 1 ? 'that mask' : 'those masks'} (and earlier rounds').`,
    a.open > 0 ? `The ${tasks(a.open)} still open (queued or being drawn) will be withdrawn; annotators working on them lose what they have not submitted.` : 'No task is open.',
  ].join('\n\n');
}

/** Trigger a round now (or close annotation early, confirmed), pause/resume the retrain schedule. */
export function RoundControls({
  projectId,
  schedule,
  paused,
  annotating,
  blocked,
}: {
  projectId: string;
  schedule: string | null;
  paused: boolean;
  /** The annotating round's number and task counts, or null when no round is annotating. */
  annotating: { round: number; total: number; open: number } | null;
  /** Why triggering would do nothing (shown beside the button, which is then disabled), or null. */
  blocked: string | null;
}) {
  const { run, busy, error } = useJsonAction();
  return (
    <div>
      <div className="row">
        <button
          type="button"
          disabled={busy || blocked !== null}
          onClick={() => {
            if (annotating && !confirm(closeAnnotationQuestion(annotating))) return;
            void run(triggerRound, `/api/admin/projects/${projectId}/rounds`);
          }}
          data-testid="trigger-round"
        >
          {annotating ? 'Close annotation and train now' : 'Trigger round now'}
        </button>
        <button type="button" className="secondary" disabled={busy || !schedule} onClick={() => run(updateProject, `/api/admin/projects/${projectId}`, { schedulePaused: !paused })} data-testid="toggle-schedule">
          {paused ? 'Resume schedule' : 'Pause schedule'}
        </button>
        <span className="muted">
          schedule: <b>{schedule ?? 'manual only'}</b>
          {schedule && paused ? ' (paused)' : ''}
        </span>
      </div>
      {blocked && (
        <p className="notice" data-testid="trigger-blocked">
          {blocked} <a href={`/admin/projects/${projectId}/data`}>Go to Data</a>
        </p>
      )}
      <ErrorLine error={error} />
    </div>
  );
}

export function CancelRoundButton({ projectId, roundId }: { projectId: string; roundId: string }) {
  const { run, busy, error } = useJsonAction();
  return (
    <>
      <button
        type="button"
        className="secondary danger"
        disabled={busy}
        onClick={() => {
          if (confirm('Cancel this round? Its model will not be evaluated or promoted.')) void run(cancelRound, `/api/admin/projects/${projectId}/rounds/${roundId}/cancel`);
        }}
      >
        Cancel round
      </button>
      <ErrorLine error={error} />
    </>
  );
}

/** Simulation only: answer the open tasks with ground-truth masks (what `lae-studio simulate` does), then train. */
export function OracleAnswerButton({ projectId, roundId }: { projectId: string; roundId: string }) {
  const { run, busy, error } = useJsonAction();
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        data-testid="oracle-answer"
        title="For benchmarks with ground-truth masks: a perfect annotator answers every open task with the reference mask; training follows."
        onClick={() => {
          if (confirm('Simulation: answer every open task of this round with its ground-truth mask, then train? Use it on benchmark data, not to replace annotators.'))
            void run(answerWithOracle, `/api/admin/projects/${projectId}/rounds/${roundId}/oracle`);
        }}
      >
        Auto-annotate with ground truth (simulation)
      </button>
      <ErrorLine error={error} />
    </>
  );
}

/** The Overview's call to action when the next thing a project needs is a round (round 0 or the next one). */
export function StartRoundButton({ projectId, label }: { projectId: string; label: string }) {
  const { run, busy, error } = useJsonAction();
  return (
    <>
      <button type="button" disabled={busy} data-testid="start-round" onClick={() => run(triggerRound, `/api/admin/projects/${projectId}/rounds`)}>
        {label}
      </button>
      <ErrorLine error={error} />
    </>
  );
}
