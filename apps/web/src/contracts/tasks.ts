import { z } from 'zod';
import { rleSchema } from './mask';

// The editor's API (/api/tasks/*): one schema per request and response, parsed by the route handlers and
// by the editor's client (apps/web/src/editor/sync/api.ts), so neither side can drift from the other.

export const taskSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  assigneeId: z.string().nullable(),
  leaseToken: z.string().nullable(),
  leaseExpiresAt: z.string().nullable(),
  leaseTtlSeconds: z.number().int(),
  sample: z.object({ id: z.string(), width: z.number().int(), height: z.number().int(), label: z.string(), manipulation: z.string().nullable() }),
  score: z.object({ id: z.string(), pFake: z.number(), attentionSize: z.number().int().nullable() }).nullable(),
  reviewNote: z.string().nullable(),
});
export type TaskDto = z.infer<typeof taskSchema>;

/** POST /api/tasks/:id/lease — open (lease or resume) a task. */
export const leaseRequest = z.object({}).strict();
export const leaseResponse = z.object({ task: taskSchema });

/** POST /api/tasks/next — lease the project's next task. */
export const nextRequest = z.object({ projectId: z.string().min(1).max(64) });
export const nextResponse = z.object({ task: taskSchema.nullable(), resumed: z.boolean().optional() });

/** POST /api/tasks/:id/heartbeat */
export const heartbeatRequest = z.object({ leaseToken: z.string().min(1).max(128) });
export const heartbeatResponse = z.object({ leaseExpiresAt: z.string() });

/** The editor's undo history, serialized (editor/history-codec.ts) and base64-encoded; bounded. */
export const MAX_HISTORY_CHARS = 2 * 1024 * 1024;
export const historySchema = z.string().max(MAX_HISTORY_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'history must be base64');

/** PUT /api/tasks/:id/draft — autosave. */
export const draftPutRequest = z.object({ revision: z.number().int().min(1).max(2 ** 31 - 1), mask: rleSchema, history: historySchema.nullish() });
export const draftPutResponse = z.object({ revision: z.number().int() });

/** GET /api/tasks/:id/draft — the caller's draft; for a returned task without one, the rejected mask (revision 0, rework). */
export const draftGetResponse = z.object({
  draft: z.object({ revision: z.number().int(), mask: rleSchema, history: z.string().nullish(), rework: z.boolean().optional(), updatedAt: z.string().optional() }).nullable(),
});

/**
 * POST /api/tasks/:id/release — close (back to the queue) or skip (with a reason). A final draft may ride
 * along: the page sends one request as the tab goes away, so the draft is stored before the lease ends.
 */
export const releaseRequest = z.object({
  leaseToken: z.string().min(1).max(128),
  skipReason: z.string().trim().min(1).max(500).optional(),
  draft: draftPutRequest.optional(),
});
export const releaseResponse = z.object({ status: z.enum(['queued', 'skipped']) });

/** POST /api/tasks/:id/submit */
export const submitRequest = z.object({
  leaseToken: z.string().min(1).max(128),
  clientId: z.uuid(),
  noForgery: z.boolean().default(false),
  mask: rleSchema,
});
export const submitResponse = z.object({
  mask: z.object({
    id: z.string(),
    sampleId: z.string(),
    /** The author's n-th submission for this task: what the annotator is told. */
    submission: z.number().int(),
    area: z.number().int(),
    noForgery: z.boolean(),
    bytes: z.number().int(),
  }),
});
