import { answerWithReferenceMasks, closeAnnotationIfDone, type Db } from '@lae-studio/db';

/**
 * The simulation's annotator: answers every open task of a round with the sample's ground-truth
 * (reference) mask, as a perfect human would, then closes annotation. Returns how many tasks it answered.
 */
export async function oracleAnnotate(db: Db, roundId: string): Promise<number> {
  const answered = await answerWithReferenceMasks(db, { roundId });
  await closeAnnotationIfDone(db, { roundId });
  return answered;
}
