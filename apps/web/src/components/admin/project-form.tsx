'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { createProject, updateProject } from '@/contracts/projects';
import { modelConfigErrors, modelTrainingPlan } from '@/contracts/model-config';
import { ErrorLine, FieldError, invalidProps, useJsonAction } from './use-json-action';

export interface ProjectFormValues {
  name: string;
  slug?: string;
  description: string;
  imageSize: number;
  strategy: string;
  diversityWeight: number;
  roundBudgetFraction: number;
  totalBudgetFraction: number;
  retrainSchedule: string | null;
  promotionMetric: string;
  promoteAboveChanceOnly: boolean;
  leaseTtlSeconds: number;
  modelConfig: Record<string, unknown>;
}

/** The fields folded under "Advanced settings" on a new project: a problem with one of them unfolds it. */
const ADVANCED_FIELDS = ['strategy', 'diversityWeight', 'roundBudgetFraction', 'totalBudgetFraction', 'retrainSchedule', 'promotionMetric', 'leaseTtlSeconds', 'modelConfig'];

const STRATEGIES = ['margin', 'entropy', 'attention', 'bald', 'random'];
const METRICS = ['unseen_accuracy', 'unseen_auc', 'seen_accuracy', 'seen_auc'];

/** Create (no projectId) or edit a project's settings. Budgets are entered in percent. */
export function ProjectForm({ projectId, initial }: { projectId?: string; initial: ProjectFormValues }) {
  const router = useRouter();
  const { run, busy, error, fields, setProblems } = useJsonAction();
  const [saved, setSaved] = useState(false);
  const [showAdvanced, setShowAdvanced] = useState(false);
  // How rounds will train under the overrides as typed (warm rounds are the default since issue 13).
  const [plan, setPlan] = useState(() => modelTrainingPlan(JSON.stringify(initial.modelConfig)));
  useEffect(() => {
    if (Object.keys(fields).some((k) => ADVANCED_FIELDS.includes(k))) setShowAdvanced(true);
  }, [fields]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    let modelConfig: Record<string, unknown>;
    try {
      modelConfig = JSON.parse(s('modelConfig') || '{}') as Record<string, unknown>;
    } catch (err) {
      const why = `Not valid JSON (${err instanceof Error ? err.message : String(err)}).`;
      setProblems({ message: `Model config: ${why}`, fields: { modelConfig: why } });
      return;
    }
    // The model's own schema, in the browser as on the server: nothing is sent that the server would refuse.
    const model = modelConfigErrors(modelConfig);
    if (model) {
      setProblems(model);
      return;
    }
    const settings = {
      imageSize: Number(s('imageSize')),
      strategy: s('strategy'),
      diversityWeight: Number(s('diversityWeight')),
      roundBudgetFraction: Number(s('roundBudgetPercent')) / 100,
      totalBudgetFraction: Number(s('totalBudgetPercent')) / 100,
      retrainSchedule: s('retrainSchedule') || null,
      promotionMetric: s('promotionMetric'),
      promoteAboveChanceOnly: f.get('promoteAboveChanceOnly') === 'on',
      leaseTtlSeconds: Number(s('leaseTtlSeconds')),
      modelConfig,
    };
    if (settings.roundBudgetFraction > settings.totalBudgetFraction) {
      setProblems({ message: 'The per-round budget cannot exceed the total budget.', fields: { roundBudgetFraction: 'Cannot exceed the total budget.' } });
      return;
    }
    if (projectId) {
      if (await run(updateProject, `/api/admin/projects/${projectId}`, { name: s('name'), description: s('description'), ...settings })) setSaved(true);
    } else {
      const res = await run(createProject, '/api/admin/projects', { name: s('name'), slug: s('slug'), description: s('description'), settings });
      if (res) router.push(`/admin/projects/${res.project.id}`);
    }
  }

  const v = initial;
  // Shown as they are on Settings; folded away on a new project, whose defaults are the paper's setting.
  const advanced = (
    <>
      <div>
        <label htmlFor="pf-strategy">Strategy</label>
        <select id="pf-strategy" name="strategy" {...invalidProps('pf-strategy', 'strategy', fields)} defaultValue={v.strategy}>
          {STRATEGIES.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <span className="hint">How a round picks the training fakes to mask: margin asks for those the model is least sure of.</span>
        <FieldError id="pf-strategy" name="strategy" fields={fields} />
      </div>
      <div>
        <label htmlFor="pf-diversity">Diversity weight (0 = uncertainty, 1 = diversity)</label>
        <input id="pf-diversity" name="diversityWeight" {...invalidProps('pf-diversity', 'diversityWeight', fields)} type="number" min={0} max={1} step={0.05} defaultValue={v.diversityWeight} />
        <span className="hint">Trades uncertainty against spreading the picks over different-looking images.</span>
        <FieldError id="pf-diversity" name="diversityWeight" fields={fields} />
      </div>
      <div>
        <label htmlFor="pf-round">Per-round budget (% of training fakes)</label>
        <input id="pf-round" name="roundBudgetPercent" {...invalidProps('pf-round', 'roundBudgetFraction', fields)} type="number" min={0.01} max={100} step="any" defaultValue={+(v.roundBudgetFraction * 100).toFixed(4)} />
        <span className="hint">Masks one round asks annotators for.</span>
        <FieldError id="pf-round" name="roundBudgetFraction" fields={fields} />
      </div>
      <div>
        <label htmlFor="pf-total">Total budget (% of training fakes)</label>
        <input id="pf-total" name="totalBudgetPercent" {...invalidProps('pf-total', 'totalBudgetFraction', fields)} type="number" min={0.01} max={100} step="any" defaultValue={+(v.totalBudgetFraction * 100).toFixed(4)} />
        <span className="hint">All rounds together; the paper needs under 3 %.</span>
        <FieldError id="pf-total" name="totalBudgetFraction" fields={fields} />
      </div>
      <div>
        <label htmlFor="pf-schedule">Retrain schedule (&quot;every 6h&quot; or cron; empty = manual)</label>
        <input id="pf-schedule" name="retrainSchedule" {...invalidProps('pf-schedule', 'retrainSchedule', fields)} maxLength={120} defaultValue={v.retrainSchedule ?? ''} placeholder="every 6h" />
        <span className="hint">Rounds also open on their own at this interval.</span>
        <FieldError id="pf-schedule" name="retrainSchedule" fields={fields} />
      </div>
      <div>
        <label htmlFor="pf-metric">Promotion metric</label>
        <select id="pf-metric" name="promotionMetric" {...invalidProps('pf-metric', 'promotionMetric', fields)} defaultValue={v.promotionMetric}>
          {METRICS.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <span className="hint">Which test figure picks the promoted model (the one that scores the next round).</span>
        <FieldError id="pf-metric" name="promotionMetric" fields={fields} />
      </div>
      <div>
        <label htmlFor="pf-chance" className="check">
          <input id="pf-chance" name="promoteAboveChanceOnly" type="checkbox" defaultChecked={v.promoteAboveChanceOnly} /> Promote only models better than chance
        </label>
        <span className="muted small">AUC 95% interval above 0.5 on the promotion metric&apos;s split</span>
      </div>
      <div>
        <label htmlFor="pf-ttl">Lease TTL (seconds)</label>
        <input id="pf-ttl" name="leaseTtlSeconds" {...invalidProps('pf-ttl', 'leaseTtlSeconds', fields)} type="number" min={60} max={86400} defaultValue={v.leaseTtlSeconds} />
        <span className="hint">How long an annotator holds a task before it returns to the queue.</span>
        <FieldError id="pf-ttl" name="leaseTtlSeconds" fields={fields} />
      </div>
      <div className="wide">
        <label htmlFor="pf-model">Model config overrides (JSON, e.g. <code>{'{"train": {"epochs": 30}}'}</code>; checked against the model&apos;s own settings)</label>
        <textarea id="pf-model" name="modelConfig" {...invalidProps('pf-model', 'modelConfig', fields)} rows={2} defaultValue={JSON.stringify(v.modelConfig)} onChange={(e) => setPlan(modelTrainingPlan(e.target.value))} />
        {plan && (
          <span className="hint" data-testid="training-plan">
            {plan}
          </span>
        )}
        <FieldError id="pf-model" name="modelConfig" fields={fields} />
      </div>
    </>
  );
  return (
    <form onSubmit={submit} className="form-grid" data-testid="project-form">
      <div>
        <label htmlFor="pf-name">Name</label>
        <input id="pf-name" name="name" {...invalidProps('pf-name', 'name', fields)} required maxLength={120} defaultValue={v.name} />
        <FieldError id="pf-name" name="name" fields={fields} />
      </div>
      {!projectId && (
        <div>
          <label htmlFor="pf-slug">Slug</label>
          <input id="pf-slug" name="slug" {...invalidProps('pf-slug', 'slug', fields)} required minLength={2} maxLength={60} pattern="[a-z0-9]([a-z0-9\-]*[a-z0-9])?" title="lower-case letters, digits and dashes" defaultValue={v.slug} />
        <FieldError id="pf-slug" name="slug" fields={fields} />
        </div>
      )}
      <div className="wide">
        <label htmlFor="pf-description">Description</label>
        <input id="pf-description" name="description" {...invalidProps('pf-description', 'description', fields)} maxLength={2000} defaultValue={v.description} />
        <FieldError id="pf-description" name="description" fields={fields} />
      </div>
      <div>
        <label htmlFor="pf-imageSize">Image size</label>
        <select id="pf-imageSize" name="imageSize" {...invalidProps('pf-imageSize', 'imageSize', fields)} defaultValue={String(v.imageSize)}>
          {(projectId ? [32, 64, 128, 256] : [64, 128, 256]).map((n) => (
            <option key={n} value={n}>
              {n}×{n}
            </option>
          ))}
        </select>
        <FieldError id="pf-imageSize" name="imageSize" fields={fields} />
      </div>
      {projectId ? (
        advanced
      ) : (
        <details className="advanced wide" data-testid="advanced-settings" open={showAdvanced} onToggle={(e) => setShowAdvanced(e.currentTarget.open)}>
          <summary>Advanced settings: selection, budgets, schedule, promotion, model (the defaults are the paper&apos;s setting)</summary>
          <div className="form-grid">{advanced}</div>
        </details>
      )}
      <div className="wide row">
        <button type="submit" disabled={busy}>
          {projectId ? 'Save settings' : 'Create project'}
        </button>
        {saved && <span className="muted" data-testid="saved">Saved.</span>}
      </div>
      <div className="wide">
        <ErrorLine error={error} />
      </div>
    </form>
  );
}
