import { NextResponse } from 'next/server';
import { getDb, pingDatabase } from '@lae-studio/db';
import { getRedis } from '@/server/redis';

export const dynamic = 'force-dynamic';

/** Liveness and dependencies, for the start script and load balancers. Public, reveals nothing sensitive. */
export async function GET() {
  const checks = await Promise.allSettled([pingDatabase(getDb()), getRedis().ping()]);
  const [db, redis] = checks.map((c) => c.status === 'fulfilled');
  const ok = Boolean(db && redis);
  return NextResponse.json({ ok, database: db, redis }, { status: ok ? 200 : 503 });
}
