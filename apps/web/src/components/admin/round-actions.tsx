'use client';
import { updateProject } from '@/contracts/projects';
import { answerWithOracle, cancelRound, triggerRound } from '@/contracts/rounds';
import { ErrorLine, useJsonAction } from './use-json-action';

/** Trigger a round now, pause/resume the retrain schedule. */
export function RoundControls({ projectId, schedule, paused, annotating }: { projectId: string; schedule: string | null; paused: boolean; annotating: boolean }) {
  const { run, busy, error } = useJsonAction();
  return (
    <div>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => {
            if (annotating && !confirm('Close annotation now and train on the masks answered so far? Unanswered tasks are withdrawn.')) return;
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
