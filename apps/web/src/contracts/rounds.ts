import { z } from 'zod';
import { defineContract, id, jobAccepted, noBody, timestamp } from './define-contract';

// /api/admin/projects/[projectId]/rounds…: the active-learning rounds.

const roundSummary = z.object({ id, number: z.number().int(), status: z.string() });

export const listRounds = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({
    rounds: z.array(
      roundSummary.extend({
        trigger: z.string(),
        strategy: z.string(),
        budget: z.number(),
        scored: z.boolean(),
        progress: z.record(z.string(), z.unknown()).nullable(),
        error: z.string().nullable(),
        createdAt: timestamp,
        startedAt: timestamp.nullable(),
        completedAt: timestamp.nullable(),
        tasks: z.object({ total: z.number(), open: z.number(), byStatus: z.record(z.string(), z.number()) }),
        model: z.looseObject({ id, status: z.string() }).nullable(),
      }),
    ),
  }),
});

/** Open the next round now, or — when one is annotating — close its annotation and train. */
export const triggerRound = defineContract({ method: 'POST', request: noBody, response: jobAccepted });

/** Cancel a round before evaluation; 409 when it is past that. */
export const cancelRound = defineContract({ method: 'POST', request: noBody, response: z.object({ round: roundSummary }) });

/** Simulation: answer the open tasks with their ground-truth masks (the oracle), then train. */
export const answerWithOracle = defineContract({ method: 'POST', request: noBody, response: jobAccepted.extend({ tasks: z.number().int(), answerable: z.number().int() }) });
