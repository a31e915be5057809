import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { PASSWORD, USERS } from './users.ts';
import { closeFixtures, fixtureDb, rleOf, seedProject } from './workspace/fixtures.ts';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const storageDir = inject('storageDir');
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
afterAll(async () => {
  await redis.quit();
  await closeFixtures();
});

describe('annotation → training hand-off', () => {
  it('when the last task of a round is submitted, the round moves to training and a train job is enqueued', async () => {
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[32, 32], [32, 32]] });
    const s = new HttpSession(baseUrl);
    expect(await s.signIn(USERS.annotator.email, PASSWORD)).toBeNull();
    const json = { 'content-type': 'application/json' };
    const db = fixtureDb(databaseUrl);
    for (let i = 0; i < 2; i++) {
      const next = (await (await s.fetch('/api/tasks/next', { method: 'POST', headers: json, body: JSON.stringify({ projectId: seeded.projectId }) })).json()) as { task: { id: string; leaseToken: string } };
      const res = await s.fetch(`/api/tasks/${next.task.id}/submit`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ leaseToken: next.task.leaseToken, clientId: randomUUID(), mask: rleOf(32, 32, (x, y) => x < 8 && y < 8) }),
      });
      expect(res.status).toBe(201);
      const round = await db.round.findUniqueOrThrow({ where: { id: seeded.roundId } });
      expect(round.status).toBe(i === 0 ? 'annotating' : 'training');
    }
    const train = new Queue('train', { connection: redis, prefix: inject('redisPrefix') });
    const job = await train.getJob(`train.${seeded.roundId}`);
    expect(job?.name).toBe('train');
    expect(job?.data).toEqual({ v: 1, payload: { roundId: seeded.roundId } });
    await train.close();
  });
});
