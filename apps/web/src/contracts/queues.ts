import { z } from 'zod';
import { defineContract, noBody } from './define-contract';

// /api/admin/queues…: BullMQ queue health and failed-job retries.

export const JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

export const queueStats = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({
    queues: z.array(
      z.object({
        name: z.string(),
        counts: z.record(z.enum(JOB_STATES), z.number()),
        failed: z.array(z.object({ id: z.string(), name: z.string(), failedReason: z.string(), attemptsMade: z.number(), finishedOn: z.number().nullable(), payload: z.unknown() })),
      }),
    ),
  }),
});
export type QueueStats = z.output<typeof queueStats.response>['queues'][number];

/** Retry a failed job; 409 when it is gone or not failed. */
export const retryJob = defineContract({ method: 'POST', request: noBody, response: z.object({ retried: z.literal(true) }) });
