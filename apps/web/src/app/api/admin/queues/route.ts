import { queueStats as contract } from '@/contracts/queues';
import { adminRoute, respond } from '@/server/admin/api';
import { queueStats } from '@/server/admin/queues';

export const dynamic = 'force-dynamic';

export async function GET() {
  return adminRoute(async () => respond(contract, { queues: await queueStats() }, { headers: { 'cache-control': 'no-store' } }));
}
