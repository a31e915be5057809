import type { Db } from '../client.ts';
import type { Label, Split } from '../generated/prisma/enums.ts';

/** How many of a project's samples match (all of them without a filter). */
export async function countSamples(db: Db, opts: { projectId: string; split?: Split; label?: Label; contentHash?: string }): Promise<number> {
  return db.sample.count({
    where: { projectId: opts.projectId, ...(opts.split ? { split: opts.split } : {}), ...(opts.label ? { label: opts.label } : {}), ...(opts.contentHash ? { contentHash: opts.contentHash } : {}) },
  });
}
