import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * The number people see on a mask: its author's n-th submission for the task (1, 2 after a rework, …).
 * The storage `version` counts every mask of the sample, reference and imports included; this does not.
 */
export async function countSubmission(db: Db | Prisma.TransactionClient, mask: { taskId: string | null; authorId: string | null; version: number }): Promise<number> {
  if (!mask.taskId || !mask.authorId) return 1;
  return db.mask.count({ where: { taskId: mask.taskId, authorId: mask.authorId, source: 'human', version: { lte: mask.version } } });
}
