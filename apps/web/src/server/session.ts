import 'server-only';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { hasRole, type Role } from '@lae-studio/auth';
import { authOptions } from './auth-options';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  return (session?.user as SessionUser | undefined) ?? null;
}

/** For pages and server actions: anonymous → sign-in page; wrong role → 403 page. */
export async function requirePageUser(role: Role, callbackPath = '/'): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

type Guarded = { user: SessionUser; error?: never } | { user?: never; error: NextResponse };

/** For route handlers: anonymous → 401 JSON; wrong role → 403 JSON. */
export async function requireApiUser(role: Role): Promise<Guarded> {
  const user = await currentUser();
  if (!user) return { error: NextResponse.json({ error: 'unauthenticated', message: 'Sign in first.' }, { status: 401 }) };
  if (!hasRole(user.role, role)) {
    return { error: NextResponse.json({ error: 'forbidden', message: `This needs the ${role} role.` }, { status: 403 }) };
  }
  return { user };
}
