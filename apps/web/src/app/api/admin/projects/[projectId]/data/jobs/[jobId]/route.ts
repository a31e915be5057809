import { dataJobStatus as contract } from '@/contracts/data';
import { adminRoute, notFound, parseIds, respond } from '@/server/admin/api';
import { dataJobStatus } from '@/server/admin/queues';

export const dynamic = 'force-dynamic';

/** A data job's state and {done,total,percent} progress, for the UI to poll. */
export async function GET(_req: Request, { params }: { params: Promise<{ projectId: string; jobId: string }> }) {
  return adminRoute(async () => {
    const ids = await parseIds(params);
    const status = ids && (await dataJobStatus(ids.jobId));
    if (!status || status.projectId !== ids?.projectId) return notFound('No such data job (finished jobs are kept for a day).');
    return respond(contract, status, { headers: { 'cache-control': 'no-store' } });
  });
}
