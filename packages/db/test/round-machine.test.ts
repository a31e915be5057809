import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_EVENTS, ROUND_STATUSES, nextRoundStatus, transitionRound, type RoundEvent, type RoundStatus } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let t: TestDatabase;
let projectId: string;
let number = 0;
beforeAll(async () => {
  t = await createTestDatabase();
  projectId = (await t.db.project.create({ data: { name: 'machine', slug: 'machine' } })).id;
});
afterAll(async () => {
  await t.drop();
});

// Written out by hand, apart from ROUND_TRANSITIONS: a change to the table must change this too.
const ALLOWED: Record<RoundEvent, Partial<Record<RoundStatus, RoundStatus>>> = {
  start: { pending: 'scoring' },
  coldStart: { pending: 'selecting' },
  scored: { scoring: 'selecting' },
  selected: { selecting: 'annotating' },
  nothingToAsk: { selecting: 'training' },
  closeAnnotation: { annotating: 'training' },
  trained: { training: 'evaluating' },
  evaluated: { evaluating: 'completed' },
  fail: { pending: 'failed', scoring: 'failed', selecting: 'failed', annotating: 'failed', training: 'failed', evaluating: 'failed' },
  cancel: { pending: 'cancelled', scoring: 'cancelled', selecting: 'cancelled', annotating: 'cancelled', training: 'cancelled' },
};

const roundIn = (status: RoundStatus) => t.db.round.create({ data: { projectId, number: number++, strategy: 'random', budget: 1, status } });

describe('the round state machine', () => {
  it('has exactly the hand-written table of moves', () => {
    expect(ROUND_EVENTS.sort()).toEqual(Object.keys(ALLOWED).sort());
    for (const event of ROUND_EVENTS) for (const status of ROUND_STATUSES) expect(nextRoundStatus(status, event), `${event} from ${status}`).toBe(ALLOWED[event][status] ?? null);
  });

  // Every (status, event) pair against Postgres: 9 statuses × 10 events, each allowed move made and each refused one left alone.
  for (const event of Object.keys(ALLOWED) as RoundEvent[]) {
    it(`${event}: moves a round from exactly ${Object.keys(ALLOWED[event]).join(', ')}`, async () => {
      for (const from of ROUND_STATUSES) {
        const round = await roundIn(from);
        const moved = await transitionRound(t.db, { roundId: round.id, event, data: { error: `via ${event}` } });
        const after = await t.db.round.findUniqueOrThrow({ where: { id: round.id } });
        const to = ALLOWED[event][from];
        if (to) {
          expect(moved?.status, `${event} from ${from}`).toBe(to);
          expect(after).toMatchObject({ status: to, error: `via ${event}` });
          expect(after.completedAt !== null, `completedAt after ${event} from ${from}`).toBe(['completed', 'failed', 'cancelled'].includes(to));
        } else {
          expect(moved, `${event} from ${from} is refused`).toBeNull();
          expect(after).toMatchObject({ status: from, error: null, completedAt: null });
        }
      }
    });
  }

  it('lets exactly one of two concurrent duplicate moves win (a doubled job does its step once)', async () => {
    const round = await roundIn('annotating');
    const results = await Promise.all([1, 2, 3].map(() => transitionRound(t.db, { roundId: round.id, event: 'closeAnnotation' })));
    expect(results.filter((r) => r !== null).map((r) => r!.status)).toEqual(['training']);
  });
});
