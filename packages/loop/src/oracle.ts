import { addMaskVersion, closeAnnotationIfDone, type Db } from '@lae-studio/db';

/**
 * The simulation's annotator: answers every open task of a round with the sample's ground-truth
 * (reference) mask, as a perfect human would. Returns how many tasks it answered.
 */
export async function oracleAnnotate(db: Db, roundId: string): Promise<number> {
  const tasks = await db.annotationTask.findMany({ where: { roundId, status: { in: ['queued', 'leased'] } }, orderBy: { priority: 'desc' } });
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
  await closeAnnotationIfDone(db, roundId);
  return answered;
}
