import { z } from 'zod';
import { parseJsonColumn } from '../models/model-json.ts';

/** What the worker writes into Round.progress (every field optional: older rounds and phases vary; other keys pass through). */
export const roundProgressSchema = z.looseObject({
  phase: z.enum(['scoring', 'selecting', 'annotating', 'training', 'evaluating', 'completed']).optional(),
  percent: z.number().optional(),
  epoch: z.number().optional(),
  epochs: z.number().optional(),
  losses: z.looseObject({ total: z.number().optional(), act: z.number().optional(), rec: z.number().optional(), att: z.number().optional() }).optional(),
  imagesPerSecond: z.number().nullable().optional(),
  history: z.array(z.object({ epoch: z.number(), train: z.number(), validation: z.number().nullable(), accuracy: z.number().nullable() })).optional(),
  promoted: z.boolean().optional(),
  /** The acquisition strategy the selection used, and why when it is not the project's. */
  strategy: z.string().optional(),
  strategyNote: z.string().nullable().optional(),
});
export type RoundProgress = z.infer<typeof roundProgressSchema>;

export const parseRoundProgress = (value: unknown, roundId: string): RoundProgress | null => parseJsonColumn(roundProgressSchema, value, `Round ${roundId} progress`);
