import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Live progress for the dashboard (phase, percent, losses, images/s, …). What earlier phases recorded for the
 * whole round — the training loss curve (`history`), the selection's `strategy` and `strategyNote` — is kept
 * when a later phase writes its own progress without them.
 */
export async function setRoundProgress(db: Db, opts: { roundId: string; progress: Prisma.InputJsonValue }): Promise<void> {
  const json = JSON.stringify(opts.progress);
  await db.$executeRaw`
    UPDATE "Round" SET progress =
      jsonb_strip_nulls(jsonb_build_object('history', progress->'history', 'strategy', progress->'strategy', 'strategyNote', progress->'strategyNote'))
      || ${json}::jsonb
    WHERE id = ${opts.roundId}`;
}
