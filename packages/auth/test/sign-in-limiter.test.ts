import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSignInLimiter } from '../src/index.ts';

// Real Redis, from `npm test` (REDIS_URL).
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());

describe('sign-in rate limiting in Redis', () => {
  it('blocks an account after N failures, whatever address it comes from; other accounts are unaffected', async () => {
    const limiter = createSignInLimiter(redis, { perAccount: 3, perIp: 100, windowSeconds: 60 });
    const email = `${randomUUID()}@x.org`;
    const ip = `10.0.0.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 3; i++) {
      expect((await limiter.check(email, ip)).allowed).toBe(true);
      await limiter.fail(email, ip);
    }
    const blocked = await limiter.check(email, ip);
    expect(blocked.allowed).toBe(false);
    if (!blocked.allowed) expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.allowed === false && blocked.retryAfterSeconds <= 60).toBe(true);
    expect((await limiter.check(email, 'another-address')).allowed).toBe(false);
    expect((await limiter.check(`${randomUUID()}@x.org`, ip)).allowed).toBe(true);
  });

  it('blocks an ip spraying many accounts', async () => {
    const limiter = createSignInLimiter(redis, { perAccount: 100, perIp: 4, windowSeconds: 60 });
    const ip = `ip-${randomUUID()}`;
    for (let i = 0; i < 4; i++) await limiter.fail(`${randomUUID()}@x.org`, ip);
    expect((await limiter.check(`${randomUUID()}@x.org`, ip)).allowed).toBe(false);
  });

  it('clears the account counter on success', async () => {
    const limiter = createSignInLimiter(redis, { perAccount: 2, perIp: 100, windowSeconds: 60 });
    const email = `${randomUUID()}@x.org`;
    const ip = `ip-${randomUUID()}`;
    await limiter.fail(email, ip);
    await limiter.succeed(email);
    await limiter.fail(email, ip);
    expect((await limiter.check(email, ip)).allowed).toBe(true);
  });
});
