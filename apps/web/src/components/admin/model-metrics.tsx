import { modelWarnings, SHORTCUT_GAP, type ModelMetrics, type SetMetrics } from '@lae-studio/db';
import { num, pct } from '@/server/admin/format';

const ci = (c: [number, number] | null | undefined, f: (v: number) => string) => (c ? ` [${f(c[0])}–${f(c[1])}]` : '');
const pts = (v: number) => (v * 100).toFixed(1);
const auc = (v: number) => v.toFixed(2);

/** One split's figures with their 95% intervals; attention IoU beside what the training masks' location alone earns. */
export function SetMetricsCell({ s, testId }: { s: SetMetrics | null | undefined; testId: string }) {
  if (!s) return <td className="num muted">—</td>;
  return (
    <td className="num" data-testid={testId}>
      <div className="nowrap">
        acc <b>{pct(s.accuracy)}</b><span className="muted small">{ci(s.accuracyCi, pts)}</span>
      </div>
      <div className="nowrap">
        AUC <b>{num(s.auc, 2)}</b><span className="muted small">{ci(s.aucCi, auc)}</span>
      </div>
      {s.attentionIoU !== null && (
        <div className="small nowrap" title="attention IoU with the ground-truth masks / IoU of the training masks' mean location (what location alone earns)">
          IoU {num(s.attentionIoU, 2)} <span className="muted">· prior {num(s.locationPriorIoU, 2)}</span>
        </div>
      )}
      <div className="muted small">n={s.n}</div>
    </td>
  );
}

/** Badges a reader must not miss: a shortcut (validation far above test), or a test AUC compatible with chance. */
export function ModelWarnings({ metrics }: { metrics: ModelMetrics | null }) {
  const warnings = modelWarnings(metrics);
  if (!warnings.length) return null;
  return (
    <div className="warnings" data-testid="model-warnings">
      {warnings.map((w) =>
        w.kind === 'shortcut' ? (
          <span key={`s-${w.set}`} className="badge status-failed" title={`validation accuracy is more than ${pct(SHORTCUT_GAP, 0)} above ${w.set}-test accuracy: the model learned something the test split lacks`}>
            shortcut? val − {w.set} {pct(w.gap, 0)}
          </span>
        ) : (
          <span key={`c-${w.set}`} className="badge status-cancelled" title={`the 95% interval of the ${w.set}-test AUC includes 0.5`}>
            chance on {w.set}
          </span>
        ),
      )}
    </div>
  );
}
