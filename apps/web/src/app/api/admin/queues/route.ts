import { NextResponse } from 'next/server';
import { adminRoute } from '@/server/admin/api';
import { queueStats } from '@/server/admin/queues';

export const dynamic = 'force-dynamic';

export async function GET() {
  return adminRoute(async () => NextResponse.json({ queues: await queueStats() }, { headers: { 'cache-control': 'no-store' } }));
}
