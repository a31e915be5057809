import { getDb, getLearningCurve, listModelVersions, type DataSummary, type ModelRow } from '@lae-studio/db';
import { LearningCurveChart } from '@/components/admin/learning-curve-chart';
import { LiveRefresh } from '@/components/admin/live-refresh';
import { PromoteButton } from '@/components/admin/model-actions';
import { ModelWarnings, SetMetricsCell } from '@/components/admin/model-metrics';
import { adminProjectPage } from '@/server/admin/page';
import { bytes, duration, pct, when } from '@/server/admin/format';

export const dynamic = 'force-dynamic';

/** Where a model's training started and for how long: warm rounds continue the model they name (train.warmEpochs). */
function trainingStart(d: DataSummary, models: readonly ModelRow[]): string {
  const epochs = `${d.epochs} epoch${d.epochs === 1 ? '' : 's'}${d.stoppedEarly && d.bestEpoch ? `, best ${d.bestEpoch}` : ''}`;
  if (!d.warmFrom) return `from scratch · ${epochs}`;
  const parent = models.find((x) => x.id === d.warmFrom);
  return `warm from ${parent?.roundNumber != null ? `round ${parent.roundNumber}` : 'an earlier model'} · ${epochs}`;
}

export default async function ModelsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project } = await adminProjectPage(params, '/models');
  const db = getDb();
  const [models, curve] = await Promise.all([listModelVersions(db, { projectId: project.id }), getLearningCurve(db, { projectId: project.id })]);
  const busy = models.some((m) => m.status === 'training' || m.status === 'evaluating');
  const promoted = models.find((m) => m.promoted);
  return (
    <>
      <div className="row spread">
        <h2 id="learning-curve">Learning curve</h2>
        <LiveRefresh active={busy} seconds={3} />
      </div>
      <section className="card" data-testid="learning-curve" data-points={curve.points.length}>
        <LearningCurveChart points={curve.points} baseline={curve.baseline} />
        <p className="muted" data-testid="baseline-note">
          {curve.baseline
            ? 'Dashed lines: the no-mask baseline — the same model, data and training, labels only — that every round is read against.'
            : 'No no-mask baseline yet: the worker trains one (labels only) when a round opens; its line appears once it is evaluated.'}
        </p>
        <table className="table" data-testid="curve-points">
          <thead>
            <tr>
              <th>round</th>
              <th className="num">masked</th>
              <th className="num">unseen acc</th>
              <th className="num">unseen AUC</th>
              <th className="num">seen acc</th>
              <th className="num">seen AUC</th>
            </tr>
          </thead>
          <tbody>
            {curve.points.map((p) => (
              <tr key={p.modelVersionId}>
                <td>{p.round}</td>
                <td className="num">{pct(p.maskedShare, 2)}</td>
                <td className="num">{pct(p.unseenAccuracy)}</td>
                <td className="num">{pct(p.unseenAuc)}</td>
                <td className="num">{pct(p.seenAccuracy)}</td>
                <td className="num">{pct(p.seenAuc)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2>Model versions</h2>
      <p className="muted small">
        Intervals are 95% (Wilson for accuracy, Hanley–McNeil for AUC). A model is promoted automatically only when it beats the promoted one on{' '}
        <b>{project.promotionMetric}</b>
        {project.promoteAboveChanceOnly ? ' and its AUC interval on that split lies above 0.5' : ' (the chance check is off in Settings)'}.
      </p>
      {models.length === 0 && <p className="muted">No model versions yet.</p>}
      <table className="table" data-testid="model-versions">
        <thead>
          <tr>
            <th>round</th>
            <th>status</th>
            <th>backend</th>
            <th>trained on</th>
            <th className="num">validation (seen manipulations)</th>
            <th className="num">seen test</th>
            <th className="num">unseen test</th>
            <th>artifact</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} data-testid={`model-${m.roundNumber ?? m.id}`}>
              <td>
                {m.baseline ? <span className="badge" title="trained on labels only, once per data version: the reference line of the learning curve">no-mask baseline</span> : (m.roundNumber ?? '—')}{' '}
                {m.promoted && <span className="badge status-completed">promoted</span>}
                <div className="muted small">{when(m.createdAt)}</div>
                <ModelWarnings metrics={m.metrics} />
              </td>
              <td>
                {m.status}
                <div className="muted small">{duration(m.trainingMs)}</div>
              </td>
              <td>{m.backend}</td>
              <td className="small">
                {m.dataSummary ? `${m.dataSummary.train ?? '?'} images, ${m.dataSummary.masked ?? 0} masks` : '—'}
                {m.dataSummary?.epochs != null && (
                  <div className="muted small" data-testid="training-start">
                    {trainingStart(m.dataSummary, models)}
                  </div>
                )}
                <details>
                  <summary>config</summary>
                  <pre className="small">{JSON.stringify(m.config, null, 1)}</pre>
                </details>
              </td>
              <SetMetricsCell s={m.metrics?.validation} testId="metrics-validation" />
              <SetMetricsCell s={m.metrics?.seen} testId="metrics-seen" />
              <SetMetricsCell s={m.metrics?.unseen} testId="metrics-unseen" />
              <td className="small">
                {m.artifact ? (
                  <a href={`/api/admin/projects/${project.id}/models/${m.id}/artifact`} download>
                    download ({bytes(m.artifact.bytes)})
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td>{m.status === 'ready' && !m.promoted && !m.baseline && <PromoteButton projectId={project.id} modelId={m.id} label={promoted && m.createdAt < promoted.createdAt ? 'Roll back to this' : 'Promote'} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
