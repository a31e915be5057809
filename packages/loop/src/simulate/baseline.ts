import type { ModelMetrics } from '@lae-studio/db';
import { create } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadLabeledSplit } from '../dataset/labeled-samples.ts';
import { toSetMetrics } from '../metrics/set-metrics.ts';
import { projectModelConfig } from '../model-config.ts';


/** The no-mask baseline: the same config, data and training budget, labels only. */
export async function trainBaseline(ctx: LoopContext, projectId: string): Promise<ModelMetrics> {
  const project = await ctx.db.project.findUniqueOrThrow({ where: { id: projectId } });
  const config = projectModelConfig(project);
  const size = config.imageSize;
  const [train, val] = await Promise.all([
    loadLabeledSplit(ctx, { projectId, split: 'train', reference: false, size }),
    loadLabeledSplit(ctx, { projectId, split: 'val', reference: false, size }),
  ]);
  const unmasked = train.samples.map((s) => ({ ...s, mask: null }));
  const model = await create(config);
  try {
    await model.train({ train: unmasked, ...(val.samples.length ? { validation: val.samples } : {}) }, { threads: ctx.threads });
    const out: ModelMetrics = { seen: null, unseen: null, masks: 0, maskedShare: 0 };
    for (const novelty of ['seen', 'unseen'] as const) {
      const test = await loadLabeledSplit(ctx, { projectId, split: 'test', novelty, reference: true, size });
      if (test.samples.length) out[novelty] = toSetMetrics(await model.evaluate(test.samples));
    }
    return out;
  } finally {
    model.dispose();
  }
}
