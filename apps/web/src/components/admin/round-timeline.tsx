import type { RoundRow } from '@lae-studio/db';
import { duration, pct, when } from '@/server/admin/format';
import { LossChart } from './loss-chart';
import { CancelRoundButton, OracleAnswerButton } from './round-actions';

const PHASES = ['scoring', 'selecting', 'annotating', 'training', 'evaluating', 'completed'] as const;
const CANCELLABLE = ['pending', 'scoring', 'selecting', 'annotating', 'training'];

/** Where each phase stands for a round: done, current (with percent), or not reached. */
function phaseState(round: RoundRow, phase: (typeof PHASES)[number]): 'done' | 'current' | 'todo' | 'skipped' {
  if (phase === 'scoring' && !round.scored) return 'skipped';
  if (round.status === 'completed') return 'done';
  const at = PHASES.indexOf(round.status as (typeof PHASES)[number]);
  const i = PHASES.indexOf(phase);
  if (at < 0) {
    // failed / cancelled / pending: everything up to the phase the progress last reported is done.
    const last = PHASES.indexOf((round.progress?.phase ?? 'scoring') as (typeof PHASES)[number]);
    return i < last ? 'done' : i === last && round.status === 'pending' ? 'todo' : i === last ? 'current' : 'todo';
  }
  return i < at ? 'done' : i === at ? 'current' : 'todo';
}

export function RoundCard({ projectId, round }: { projectId: string; round: RoundRow }) {
  const p = round.progress;
  const training = round.status === 'training';
  const tasksDone = round.tasks.total - round.tasks.open;
  return (
    <section className={`card round round-${round.status}`} data-testid={`round-${round.number}`} data-status={round.status}>
      <div className="row spread">
        <h3>
          Round {round.number} <span className={`badge status-${round.status}`}>{round.status}</span>
        </h3>
        <span className="muted">
          {round.trigger} · {p?.strategy ?? round.strategy} · budget {round.budget} · started {when(round.startedAt)}
          {round.completedAt ? ` · ended ${when(round.completedAt)}` : ''}
        </span>
      </div>
      {p?.strategyNote && (
        <p className="muted small" data-testid="strategy-note">
          Selection: {p.strategyNote}.
        </p>
      )}
      <ol className="phases">
        {PHASES.map((ph) => {
          const state = phaseState(round, ph);
          return (
            <li key={ph} className={`phase ${state}`} data-phase={ph} data-state={state}>
              <span className="dot" />
              {state === 'skipped' ? `${ph} (skipped: no model to score with)` : ph}
              {state === 'current' && ph === 'annotating' && round.tasks.total > 0 && ` ${tasksDone}/${round.tasks.total}`}
              {state === 'current' && ph !== 'annotating' && typeof p?.percent === 'number' && p.phase === ph && ` ${p.percent}%`}
            </li>
          );
        })}
      </ol>
      {round.tasks.total > 0 && (
        <div className="stat">
          annotation tasks <b data-testid="round-tasks">{tasksDone} / {round.tasks.total} answered</b>
        </div>
      )}
      {(training || (p?.history?.length ?? 0) > 0) && (
        <div className="training" data-testid="training-progress">
          {training && (
            <div className="row">
              <progress max={100} value={p?.percent ?? 0} />
              <span>
                epoch {p?.epoch ?? 0}/{p?.epochs ?? '?'} · {p?.percent ?? 0}% · loss {p?.losses?.total?.toFixed(3) ?? '—'} (act {p?.losses?.act?.toFixed(3) ?? '—'}, rec {p?.losses?.rec?.toFixed(3) ?? '—'}, att{' '}
                {p?.losses?.att?.toFixed(3) ?? '—'}) · {p?.imagesPerSecond ?? '—'} img/s
              </span>
            </div>
          )}
          <LossChart history={p?.history ?? []} />
        </div>
      )}
      {round.model?.metrics && (
        <div className="stat" data-testid="round-metrics">
          evaluation{' '}
          <b>
            unseen acc {pct(round.model.metrics.unseen?.accuracy)} · AUC {pct(round.model.metrics.unseen?.auc)} · seen acc {pct(round.model.metrics.seen?.accuracy)} · masked {pct(round.model.metrics.maskedShare, 2)} · trained in{' '}
            {duration(round.model.trainingMs)}
            {p?.promoted ? ' · promoted' : ''}
          </b>
        </div>
      )}
      {round.error && <p className="error">{round.error}</p>}
      {CANCELLABLE.includes(round.status) && (
        <div className="row">
          {round.status === 'annotating' && round.tasks.open > 0 && <OracleAnswerButton projectId={projectId} roundId={round.id} />}
          <CancelRoundButton projectId={projectId} roundId={round.id} />
        </div>
      )}
    </section>
  );
}
