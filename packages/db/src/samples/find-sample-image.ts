import type { Db } from '../client.ts';

/** Where a project's sample's image is stored (for a worker that reads it), or null when no such sample. */
export async function findSampleImage(db: Db, opts: { projectId: string; sampleId: string }): Promise<{ id: string; storageKey: string } | null> {
  return db.sample.findFirst({ where: { id: opts.sampleId, projectId: opts.projectId }, select: { id: true, storageKey: true } });
}
