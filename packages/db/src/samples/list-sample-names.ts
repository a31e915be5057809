import type { Db } from '../client.ts';
import type { Label } from '../generated/prisma/client.ts';

export interface SampleName {
  id: string;
  sourceName: string | null;
  width: number;
  height: number;
  label: Label;
}

/** Every sample of a project with what matching an imported mask by file name needs (no image bytes). */
export function listSampleNames(db: Db, opts: { projectId: string }): Promise<SampleName[]> {
  return db.sample.findMany({
    where: { projectId: opts.projectId },
    select: { id: true, sourceName: true, width: true, height: true, label: true },
    orderBy: { id: 'asc' },
  });
}
