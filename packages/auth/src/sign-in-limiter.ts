import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';

export interface SignInLimits {
  /** Failed attempts allowed per account within the window. Keyed by email alone: the client address is
   *  only as trustworthy as the proxy in front, and rotating it must not reset an account's counter. */
  perAccount: number;
  /** Attempts allowed per ip within the window, whatever the email (stops spraying). */
  perIp: number;
  windowSeconds: number;
}

export const defaultSignInLimits: SignInLimits = { perAccount: 5, perIp: 30, windowSeconds: 15 * 60 };

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Sign-in rate limiting kept in Redis, so that it holds across web processes and restarts.
 * `check` is called before verifying a password; `fail` counts a failure; `succeed` clears the account key.
 */
export function createSignInLimiter(redis: Redis, limits: SignInLimits = defaultSignInLimits, namespace = 'lae') {
  const perAccount = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${namespace}:signin:acct`, points: limits.perAccount, duration: limits.windowSeconds });
  const perIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${namespace}:signin:ip`, points: limits.perIp, duration: limits.windowSeconds });
  const accountKey = (email: string) => email.trim().toLowerCase();

  const blockedFor = (res: RateLimiterRes | null, limit: number): number | null =>
    res && res.consumedPoints >= limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;

  return {
    async check(email: string, ip: string): Promise<LimitDecision> {
      const [acct, byIp] = await Promise.all([perAccount.get(accountKey(email)), perIp.get(ip)]);
      const wait = blockedFor(acct, limits.perAccount) ?? blockedFor(byIp, limits.perIp);
      return wait === null ? { allowed: true } : { allowed: false, retryAfterSeconds: wait };
    },
    async fail(email: string, ip: string): Promise<void> {
      await Promise.all([
        perAccount.penalty(accountKey(email), 1),
        perIp.penalty(ip, 1),
      ]);
    },
    async succeed(email: string): Promise<void> {
      await perAccount.delete(accountKey(email));
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
