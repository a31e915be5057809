import type { Db } from '../client.ts';

/** Every project's retrain schedule text (null: none) and whether it is paused: what the job schedulers mirror. */
export async function listRetrainSchedules(db: Db): Promise<{ id: string; retrainSchedule: string | null; schedulePaused: boolean }[]> {
  return db.project.findMany({ select: { id: true, retrainSchedule: true, schedulePaused: true } });
}
