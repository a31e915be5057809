import { findExplainerModel, findSampleImage, loadArtifact, saveScores, scoredSampleIds } from '@lae-studio/db';
import { load } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadModelImages } from '../dataset/load-images.ts';

/**
 * Score one sample with one model on an admin's request, so its page can show an attention map though no round
 * scores it (a real, a validation or test image, a fake masked before any model saw it), with the project's
 * explainer (promoted model, else newest round model, else baseline). Stored like a round's scores, per
 * (model, sample): a repeated request does nothing.
 */
export async function explainSample(ctx: LoopContext, opts: { projectId: string; sampleId: string; modelVersionId: string }): Promise<{ scored: boolean; modelVersionId: string }> {
  const sample = await findSampleImage(ctx.db, opts);
  if (!sample) throw new Error(`no sample ${opts.sampleId} in project ${opts.projectId}`);
  // The project's explainer now (the request named the one of its time): never another project's model.
  const explainer = await findExplainerModel(ctx.db, { projectId: opts.projectId });
  if (!explainer) throw new Error(`project ${opts.projectId} has no ready model`);
  const modelVersionId = explainer.id;
  if ((await scoredSampleIds(ctx.db, { modelVersionId, sampleIds: [sample.id] })).size) return { scored: false, modelVersionId };
  const model = await load(await loadArtifact(ctx.db, { modelVersionId }));
  try {
    const images = await loadModelImages(ctx.storage, [sample.storageKey], model.config.imageSize, { cache: ctx.images });
    const [r] = await model.score(images, { mcSamples: 0, threads: ctx.threads });
    await saveScores(ctx.db, {
      modelVersionId,
      rows: [{ sampleId: sample.id, pFake: r!.pFake, margin: r!.uncertainty.margin, entropy: r!.uncertainty.entropy, attentionDispersion: r!.uncertainty.attention, bald: null, attention: r!.attention, attentionSize: r!.attentionSize, embedding: r!.embedding }],
    });
  } finally {
    model.dispose();
  }
  ctx.log.info({ ...opts, modelVersionId }, 'sample explained');
  return { scored: true, modelVersionId };
}
