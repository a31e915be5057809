import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { createSignInLimiter, isRole, verifyAgainstNothing, verifyPassword, type SignInLimiter } from '@lae-studio/auth';
import { queueEnv } from '@lae-studio/queue';
import { findUserForSignIn, getDb, getUser, recordAuditEvent } from '@lae-studio/db';
import { webEnv } from '@/env';
import { getRedis } from './redis';
import { clientIp } from './client-ip';

const credentialsSchema = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(256) });

let limiter: SignInLimiter | undefined;
function signInLimiter(): SignInLimiter {
  const env = webEnv();
  limiter ??= createSignInLimiter(getRedis(), {
    perAccount: env.LAE_SIGNIN_MAX_PER_ACCOUNT,
    perIp: env.LAE_SIGNIN_MAX_PER_IP,
    windowSeconds: env.LAE_SIGNIN_WINDOW_SECONDS,
  }, queueEnv().LAE_REDIS_PREFIX);
  return limiter;
}

const USER_CACHE_MS = 5_000;
const userCache = new Map<string, { at: number; user: Awaited<ReturnType<typeof getUser>> }>();

/** The session user's current row, at most USER_CACHE_MS old (saves a query on every request). */
async function cachedUser(id: string) {
  const hit = userCache.get(id);
  if (hit && Date.now() - hit.at < USER_CACHE_MS) return hit.user;
  const user = await getUser(getDb(), { userId: id });
  if (userCache.size > 10_000) userCache.clear();
  userCache.set(id, { at: Date.now(), user });
  return user;
}

/** Error codes the sign-in page understands (next-auth passes the message through as `error`). */
export const SIGN_IN_ERRORS = { invalid: 'CredentialsSignin', rateLimited: 'RateLimited' } as const;

export function authOptions(): AuthOptions {
  const env = webEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: env.LAE_SESSION_MAX_AGE },
    jwt: { maxAge: env.LAE_SESSION_MAX_AGE },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = clientIp(req?.headers);
          const limits = signInLimiter();
          const decision = await limits.check(email, ip);
          if (!decision.allowed) throw new Error(`${SIGN_IN_ERRORS.rateLimited}:${decision.retryAfterSeconds}`);

          const db = getDb();
          const user = await findUserForSignIn(db, { email });
          const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
          if (!ok || !user) {
            await limits.fail(email, ip);
            await recordAuditEvent(db, { action: 'auth.sign-in-failed', actorEmail: email.toLowerCase(), ip });
            return null;
          }
          await limits.succeed(email);
          await recordAuditEvent(db, { action: 'auth.sign-in', actorId: user.id, actorEmail: user.email, ip });
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      // The token is re-checked against the database (through a few-second cache): disabling a user or
      // changing a role takes effect within USER_CACHE_MS, not when the token expires.
      async jwt({ token, user }) {
        const id = user?.id ?? token.sub;
        if (!id) return token;
        const current = user ? await getUser(getDb(), { userId: id }) : await cachedUser(id);
        if (!current || current.disabled) return { ...token, sub: undefined, role: undefined, disabled: true };
        return { ...token, sub: current.id, email: current.email, name: current.name, role: current.role, disabled: false };
      },
      async session({ session, token }) {
        if (!token.sub || token.disabled || !isRole(token.role)) return { ...session, user: undefined };
        return { ...session, user: { id: token.sub, email: token.email ?? '', name: token.name ?? null, role: token.role } };
      },
    },
  };
}
