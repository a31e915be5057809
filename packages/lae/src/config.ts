// One validated object holds every size and weight of the model, its training and its scoring.
import { z } from 'zod';

const trainSchema = z.object({
  /** Images per optimisation step. Default 16, range 2–512. */
  batchSize: z.number().int().min(2).max(512).default(16),
  /** Adam learning rate. Default 1e-3, range 1e-6–1. */
  learningRate: z.number().min(1e-6).max(1).default(1e-3),
  /**
   * Maximum epochs (an epoch is one pass over the larger class, the smaller one oversampled). Default 60 (issue 12:
   * on benchmark v2 at 64², 2,000 images, the best validation-BCE epoch was 43–58 of 60; the issue saw 15 under-fit), range 1–1000.
   */
  epochs: z.number().int().min(1).max(1000).default(60),
  /**
   * Epochs without validation improvement (of `selectBy`) before stopping (0 = never stop early). Default 10 (val BCE
   * still improves slowly late in training; 3 stopped runs at 12–15 epochs in issue 12), range 0–100.
   */
  patience: z.number().int().min(0).max(100).default(10),
  /**
   * Validation criterion for the kept checkpoint and early stopping: 'bce' (default: the BCE of p(fake), steadier
   * than accuracy and independent of the loss weights), 'total' (the weighted training loss, the old behaviour) or
   * 'last' (keep the final epoch, no early stopping: validation drawn like the training data rewards whatever
   * shortcut the training data has, so it cannot choose between a shortcut and a model that avoids it).
   * Default 'last' (issue 12: a masked model's validation BCE rises while it leaves the cue — 0.25 at epoch 11,
   * 0.62 at 22 — so 'bce' keeps the shortcut checkpoint; no-mask runs' best 'bce' epoch was 59–60 of 60 anyway).
   */
  selectBy: z.enum(['bce', 'total', 'last']).default('last'),
  /**
   * Decision threshold on p(fake), chosen after training on the validation set: 'fixed' (0.5), 'val-accuracy'
   * (the threshold of highest validation accuracy, midpoint of the best interval) or 'real-quantile' (default:
   * the (1 − thresholdFpr) quantile of the validation reals' p(fake); reals are the class whose distribution does
   * not change between training and deployment, fakes are the one that does).
   */
  threshold: z.enum(['fixed', 'val-accuracy', 'real-quantile']).default('real-quantile'),
  /** False-positive rate on validation reals for threshold 'real-quantile'. Default 0.05, range 0.001–0.5. */
  thresholdFpr: z.number().min(0.001).max(0.5).default(0.05),
  /**
   * Mask-guided counterfactuals (packages/lae/src/counterfactual.ts; not in the paper): each masked fake of a
   * batch adds its forgery moved into a real's context (fake) and that real's content in its place (real), so
   * that the context's cue stops predicting the label. Default true (issue 12, benchmark v2 at σ 4, 3 % random
   * masks, unseen accuracy against the no-mask model of the same seed: face swap +3.4 / +28.6 / +30.5 points on
   * seeds 1–3, attribute edit +6.1, inpainting +0.3 where the no-mask model was not trapped; reports/claim.md).
   * Without masks it changes nothing.
   */
  counterfactual: z.boolean().default(true),
  /**
   * Epochs of a warm-started round (at most `epochs`): training continues from the promoted model's weights and
   * Adam state (the artifact carries both) on all labels and masks so far, instead of `epochs` from scratch. 0 =
   * every round from scratch (simulations run so unless their spec says otherwise). Default 15 (issue 13,
   * `npm run bench:round --preset …`, one seed each: warm round 1 took 0.22–0.30× the scratch turnaround on face
   * swap, 0.25× on attribute edit and 0.27× on inpainting, at unseen accuracy inside or above the scratch model's
   * 95 % interval every time), range 0–1000.
   */
  warmEpochs: z.number().int().min(0).max(1000).default(15),
  /**
   * Learning rate over a warm-started round's epochs: 'cosine' (default: from learningRate down to 0, so the round
   * ends on small steps) or 'constant'. Issue 13: a constant-rate warm round of 15 epochs ended on a validation spike
   * (val accuracy 0.905 after 1.000 the epoch before) and its unseen accuracy fell to 78.0 % against 95.8 % from
   * scratch; two cosine rounds reached 95.0 % (scratch 96.7 % and 94.5 %).
   */
  warmSchedule: z.enum(['constant', 'cosine']).default('cosine'),
  /** Masked fakes placed in each batch when masks exist (oversampled: masks are scarce). Default 2, range 0–256. */
  minMaskedPerBatch: z.number().int().min(0).max(256).default(2),
  /** Share of the training data held out for early stopping when no validation set is given. Default 0.1, range 0–0.5. */
  validationShare: z.number().min(0).max(0.5).default(0.1),
});

const scoreSchema = z.object({
  /** Images per forward pass when scoring. Default 64, range 1–1024. */
  batchSize: z.number().int().min(1).max(1024).default(64),
  /** Stochastic passes (dropout on the latent) for BALD. Default 8, range 2–64. */
  mcSamples: z.number().int().min(2).max(64).default(8),
  /** Threshold on the [0,1] attention map for IoU (maps are coarse, S/8, so peaks are narrow). Default 0.3, range 0.01–0.99. */
  attentionThreshold: z.number().min(0.01).max(0.99).default(0.3),
});

export const laeConfigSchema = z
  .object({
    /** Square input size S. Default 128; 64 for tests, 256 on a GPU (32 allowed for unit tests). */
    imageSize: z.union([z.literal(32), z.literal(64), z.literal(128), z.literal(256)]).default(128),
    /**
     * Encoder 3×3 conv block widths (batch norm + leaky ReLU each). Default [8,16,32,64] (sized for the 2-core
     * CPU targets; `presets.gpu` has DESIGN's 16→128), 2–6 blocks of 4–512.
     */
    encoderChannels: z.array(z.number().int().min(4).max(512)).min(2).max(6).default([8, 16, 32, 64]),
    /** Stride of each encoder block (1 or 2); their product (8 or 16) fixes the latent grid S/8 or S/16. Default [2,2,2,1]. */
    encoderStrides: z.array(z.union([z.literal(1), z.literal(2)])).default([2, 2, 2, 1]),
    /** K: latent channels per half (h has 2K: real half then fake half). Default 16, range 2–256. */
    latentChannels: z.number().int().min(2).max(256).default(16),
    /** Decoder conv widths, one per ×2 upsampling (log2 of the total stride entries). Default [16,8,8]. */
    decoderChannels: z.array(z.number().int().min(2).max(512)).min(3).max(4).default([16, 8, 8]),
    /** Leaky ReLU slope. Default 0.2, range 0–0.5. */
    leakyAlpha: z.number().min(0).max(0.5).default(0.2),
    /** Batch-norm moving-average momentum. Default 0.9, range 0.5–0.999. */
    bnMomentum: z.number().min(0.5).max(0.999).default(0.9),
    /** Batch-norm variance epsilon. Default 1e-3, range 1e-6–1e-1. */
    bnEpsilon: z.number().min(1e-6).max(1e-1).default(1e-3),
    /** Dropout on the latent during training and MC-dropout (BALD). Default 0.2, range 0–0.9. */
    dropout: z.number().min(0).max(0.9).default(0.2),
    /**
     * Grad-CAM target: 'latent' (default: the |h| activation layer that FT pools; closed form), 'latent-signed'
     * (h itself; sign-based weights, unstable under L_att), or an encoder block index (0-based, autograd).
     */
    attentionLayer: z.union([z.literal('latent'), z.literal('latent-signed'), z.number().int().min(0).max(5)]).default('latent'),
    /** Let L_att's gradient flow through the Grad-CAM weights w_k (second order). Zero at 'latent'. Default true. */
    attentionSecondOrder: z.boolean().default(true),
    /**
     * Classification loss: 'bce' (default; binary cross-entropy of p(fake) = a₁/(a₀+a₁+ε)) or 'act' (ForensicTransfer's
     * activation loss |a_y − 1| + |a_{1−y}|, seed-fragile in issue 12's measurements). Weighted by lambdaAct.
     */
    classLoss: z.enum(['bce', 'act']).default('bce'),
    /** Weight of the classification loss (L_act or BCE). Default 1, range 0–100. */
    lambdaAct: z.number().min(0).max(100).default(1),
    /** Weight of L_rec. Default 1, range 0–100. */
    lambdaRec: z.number().min(0).max(100).default(1),
    /**
     * Weight of L_att (masked fakes only). Default 1 (the paper's), range 0–100. Measured on benchmark v2 with the
     * counterfactual pairs on (issue 12, 3 tasks × 3 seeds, 3 % masks): 0 was better in all nine runs (+1.0 to
     * +15.8 points unseen); the default stays until the reports measured at 1 are regenerated.
     */
    lambdaAtt: z.number().min(0).max(100).default(1),
    /**
     * Weight of L_real (masked fakes only): the real-half activation outside the mask held at the reals' level, so a
     * cue outside the forgery cannot switch the real half off (losses.ts, lossRealOutside). Needs a latent
     * attention layer. Default 0 (off), range 0–100.
     */
    lambdaRealOutside: z.number().min(0).max(100).default(0),
    /**
     * Batch-norm statistics outside training: 'moving' (default; moving averages, batch-independent scores) or
     * 'batch' (each scored batch's own statistics, as in training; scores then depend on the batch's make-up, so
     * batches should be large and class-balanced).
     */
    bnEval: z.enum(['moving', 'batch']).default('moving'),
    /** ε in p(fake) = a₁/(a₀+a₁+ε) and L_att's denominator. Default 1e-6, range 1e-12–1e-2. */
    epsilon: z.number().min(1e-12).max(1e-2).default(1e-6),
    /** Seed for initialisation, shuffling, dropout and acquisition. Default 42. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
    train: trainSchema.prefault({}),
    score: scoreSchema.prefault({}),
  })
  .superRefine((c, ctx) => {
    if (c.encoderStrides.length !== c.encoderChannels.length) {
      ctx.addIssue({ code: 'custom', path: ['encoderStrides'], message: 'needs one stride per encoder block' });
      return;
    }
    const total = c.encoderStrides.reduce<number>((p, s) => p * s, 1);
    if (total !== 8 && total !== 16) ctx.addIssue({ code: 'custom', path: ['encoderStrides'], message: `total stride must be 8 or 16, got ${total}` });
    if (c.decoderChannels.length !== Math.log2(total)) ctx.addIssue({ code: 'custom', path: ['decoderChannels'], message: `needs ${Math.log2(total)} entries (one per ×2 upsampling)` });
    if (typeof c.attentionLayer === 'number' && c.attentionLayer >= c.encoderChannels.length) ctx.addIssue({ code: 'custom', path: ['attentionLayer'], message: 'no such encoder block' });
    if (typeof c.attentionLayer === 'number' && c.lambdaRealOutside > 0) ctx.addIssue({ code: 'custom', path: ['lambdaRealOutside'], message: 'needs a latent attention layer' });
  });

export type LaeConfig = z.infer<typeof laeConfigSchema>;

/** Starting points: `cpu` is the default (fast on two cores); `gpu` follows DESIGN §3's widths (16→32→64→128). */
export const presets = {
  cpu: { encoderChannels: [8, 16, 32, 64], decoderChannels: [16, 8, 8], latentChannels: 16 },
  gpu: { encoderChannels: [16, 32, 64, 128], decoderChannels: [64, 32, 16], latentChannels: 32, train: { batchSize: 32 } },
} satisfies Record<string, LaeConfigInput>;
export type LaeConfigInput = z.input<typeof laeConfigSchema>;

export function parseConfig(input: LaeConfigInput = {}): LaeConfig {
  const r = laeConfigSchema.safeParse(input);
  if (!r.success) throw new Error(`Invalid LAE config: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Fields that shape the weights: a loaded artifact must agree on all of them. */
export const architectureKeys = ['imageSize', 'encoderChannels', 'encoderStrides', 'latentChannels', 'decoderChannels'] as const;

/** Epochs of a warm-started round: train.warmEpochs, never more than a round from scratch trains (0: none). */
export function warmRoundEpochs(c: LaeConfig): number {
  return Math.min(c.train.warmEpochs, c.train.epochs);
}

export function totalStride(c: LaeConfig): number {
  return c.encoderStrides.reduce<number>((p, s) => p * s, 1);
}

export function latentGrid(c: LaeConfig): number {
  return c.imageSize / totalStride(c);
}

/** Side of the Grad-CAM map: the grid of the target layer. */
export function attentionGrid(c: LaeConfig): number {
  if (typeof c.attentionLayer !== 'number') return latentGrid(c);
  return c.imageSize / c.encoderStrides.slice(0, c.attentionLayer + 1).reduce<number>((p, s) => p * s, 1);
}
