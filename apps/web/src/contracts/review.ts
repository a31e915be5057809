import { z } from 'zod';
import { rleSchema } from './mask';

// The review API (/api/review/*): shared by the route handlers and the review page.

export const reviewStatusSchema = z.enum(['pending', 'accepted', 'rejected', 'corrected']);

/** GET /api/review/masks/:id — a mask with what a reviewer compares it with. */
export const maskForReviewSchema = z.object({
  id: z.string(),
  taskId: z.string().nullable(),
  sampleId: z.string(),
  sampleName: z.string(),
  projectName: z.string(),
  /** The author's n-th submission for the task. */
  submission: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  area: z.number().int(),
  noForgery: z.boolean(),
  review: reviewStatusSchema,
  reviewNote: z.string().nullable(),
  authorEmail: z.string().nullable(),
  rle: rleSchema.nullable(),
  /** Ground truth, where the sample has one: shown beside the annotation, never numbered with it. */
  referenceRle: rleSchema.nullable(),
  attentionScoreId: z.string().nullable(),
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
});
export type MaskForReview = z.infer<typeof maskForReviewSchema>;
export const maskForReviewResponse = z.object({ mask: maskForReviewSchema });

/**
 * POST /api/review/masks/:id — accept, reject (a comment is required) or correct: the reviewer's own mask
 * becomes a new version authored by the reviewer, the original is kept.
 */
export const reviewRequest = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), comment: z.string().trim().max(2000).optional() }),
  z.object({ decision: z.literal('reject'), comment: z.string().trim().min(1, 'Say why the mask is rejected.').max(2000) }),
  z.object({ decision: z.literal('correct'), comment: z.string().trim().max(2000).optional(), clientId: z.uuid(), mask: rleSchema }),
]);
export type ReviewRequest = z.infer<typeof reviewRequest>;
export const reviewResponse = z.object({
  review: reviewStatusSchema,
  taskStatus: z.string(),
  /** The reviewer's new version, for a correction. */
  correctionId: z.string().optional(),
});

/** GET /api/review/queue */
export const reviewQueueItemSchema = z.object({
  maskId: z.string(),
  taskId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  sampleId: z.string(),
  sampleName: z.string(),
  submission: z.number().int(),
  area: z.number().int(),
  noForgery: z.boolean(),
  authorEmail: z.string().nullable(),
  submittedAt: z.string(),
});
export const reviewQueueResponse = z.object({ items: z.array(reviewQueueItemSchema) });
