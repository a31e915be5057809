import type { Db } from '../client.ts';
import { addMaskVersion } from '../samples/add-mask-version.ts';

/**
 * The simulation's annotator: accept every open task of a round with the sample's ground-truth (reference)
 * mask, as a perfect human would. Each task is claimed by a compare-and-set, so a concurrent annotator or a
 * second oracle answers it once. Returns how many tasks this call answered.
 */
export async function answerWithReferenceMasks(db: Db, opts: { roundId: string }): Promise<number> {
  const tasks = await db.annotationTask.findMany({ where: { roundId: opts.roundId, status: { in: ['queued', 'leased'] } }, orderBy: { priority: 'desc' } });
  let answered = 0;
  for (const task of tasks) {
    const truth = await db.mask.findFirst({ where: { sampleId: task.sampleId, reference: true }, orderBy: { version: 'desc' } });
    await db.$transaction(async (tx) => {
      const claimed = await tx.annotationTask.updateMany({ where: { id: task.id, status: { in: ['queued', 'leased'] } }, data: { status: 'accepted', submittedAt: new Date(), attempts: { increment: 1 } } });
      if (claimed.count === 0) return;
      if (truth) {
        await addMaskVersion(tx, {
          sampleId: task.sampleId,
          taskId: task.id,
          source: 'oracle',
          encoding: truth.encoding,
          data: truth.data,
          width: truth.width,
          height: truth.height,
          area: truth.area,
          review: 'accepted',
          clientId: `oracle-${task.id}`,
        });
      }
      answered++;
    });
  }
  return answered;
}
