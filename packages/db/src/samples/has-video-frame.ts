import type { Db } from '../client.ts';

/** Whether the project already holds this frame of this video (a retried or repeated video import skips it). */
export async function hasVideoFrame(db: Db, opts: { projectId: string; videoName: string; frameIndex: number }): Promise<boolean> {
  return (await db.sample.count({ where: { projectId: opts.projectId, videoName: opts.videoName, frameIndex: opts.frameIndex } })) > 0;
}
