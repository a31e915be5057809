import { NextResponse } from 'next/server';
import { retryJob as contract } from '@/contracts/queues';
import { adminRoute, audit, notFound, parseIds, respond } from '@/server/admin/api';
import { isQueueName, retryJob } from '@/server/admin/queues';

export const dynamic = 'force-dynamic';

/** Retry a failed job; 404 when the queue or job does not exist, 409 when the job is not failed. */
export async function POST(req: Request, { params }: { params: Promise<{ queue: string; jobId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids || !isQueueName(ids.queue)) return notFound('No such queue.');
    if (!(await retryJob(ids.queue, ids.jobId))) return NextResponse.json({ error: 'conflict', message: 'That job is gone or not failed.' }, { status: 409 });
    await audit(req, user, { action: 'queue.retry', targetType: 'job', targetId: `${ids.queue}/${ids.jobId}` });
    return respond(contract, { retried: true });
  });
}
