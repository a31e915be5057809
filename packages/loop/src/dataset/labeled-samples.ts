import { listSamplesWithMasks, type Label, type Novelty, type SampleWithMask, type Split } from '@lae-studio/db';
import type { LabeledSample } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadModelImages } from './load-images.ts';
import { decodeStoredMask } from '@lae-studio/project-data';

export interface LoadedSplit {
  samples: LabeledSample[];
  rows: SampleWithMask[];
  masked: number;
}

/**
 * A split as the model consumes it: S×S images, labels, and masks (training masks or, with `reference`,
 * ground-truth masks for localization metrics). A "no visible forgery" mask carries no region: left out.
 */
export async function loadLabeledSplit(
  ctx: LoopContext,
  opts: { projectId: string; split: Split; novelty?: Novelty; label?: Label; reference: boolean; size: number },
): Promise<LoadedSplit> {
  const rows = await listSamplesWithMasks(ctx.db, opts);
  const images = await loadModelImages(ctx.storage, rows.map((r) => r.storageKey), opts.size, { cache: ctx.images });
  let masked = 0;
  const samples = rows.map((r, i): LabeledSample => {
    const m = r.label === 'fake' && r.mask && !r.mask.noForgery ? decodeStoredMask(r.mask) : null;
    if (m) masked++;
    return { image: images[i]!, label: r.label, mask: m ? { data: m.data, width: m.width, height: m.height } : null };
  });
  return { samples, rows, masked };
}
