import { NextResponse } from 'next/server';
import { requireApiUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  return NextResponse.json({ user });
}
