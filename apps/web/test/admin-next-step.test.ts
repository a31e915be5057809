import { describe, expect, it } from 'vitest';
import { nextStep, type ProjectState } from '../src/server/admin/next-step.ts';

const fresh: ProjectState = { samples: 0, trainFakes: 0, members: 0, openToAll: false, latest: null, promoted: false, nextRoundBudget: 15 };

describe('what a project needs next', () => {
  it('walks a new project through data, fakes, annotators and round 0, in that order', () => {
    expect(nextStep(fresh).key).toBe('data');
    expect(nextStep({ ...fresh, samples: 40 })).toMatchObject({ key: 'fakes', page: 'data', detail: expect.stringContaining('40 samples') });
    expect(nextStep({ ...fresh, samples: 40, trainFakes: 10 })).toMatchObject({ key: 'people', page: 'members' });
    expect(nextStep({ ...fresh, samples: 40, trainFakes: 10, latest: { number: 0, status: 'annotating', openTasks: 2 } }).detail).toBe('Round 0 has 2 open tasks, and only admins can annotate this project: add members, or open it to every annotator.');
    expect(nextStep({ ...fresh, samples: 40, trainFakes: 10, openToAll: true }).key).toBe('round0');
    expect(nextStep({ ...fresh, samples: 40, trainFakes: 10, members: 2 })).toMatchObject({ key: 'round0', page: 'rounds', title: 'Start round 0' });
  });

  it('follows a round: open tasks, the worker, then the next round or what blocks it', () => {
    const ready = { ...fresh, samples: 40, trainFakes: 10, members: 1 };
    expect(nextStep({ ...ready, latest: { number: 0, status: 'annotating', openTasks: 3 } })).toMatchObject({ key: 'annotate', detail: expect.stringMatching(/^3 tasks open/) });
    expect(nextStep({ ...ready, latest: { number: 0, status: 'annotating', openTasks: 1 } }).detail).toMatch(/^1 task open/);
    expect(nextStep({ ...ready, latest: { number: 0, status: 'training', openTasks: 0 } })).toMatchObject({ key: 'wait', title: 'Round 0 is training' });
    expect(nextStep({ ...ready, latest: { number: 0, status: 'completed', openTasks: 0 } })).toMatchObject({ key: 'review', page: 'models' });
    expect(nextStep({ ...ready, promoted: true, latest: { number: 0, status: 'completed', openTasks: 0 } })).toMatchObject({ key: 'next-round', title: 'Start round 1', detail: expect.stringContaining('15 masks') });
    expect(nextStep({ ...ready, promoted: true, nextRoundBudget: 0, latest: { number: 1, status: 'completed', openTasks: 0 } })).toMatchObject({ key: 'budget', page: 'settings' });
    expect(nextStep({ ...ready, latest: { number: 2, status: 'cancelled', openTasks: 0 } })).toMatchObject({ key: 'next-round', detail: expect.stringContaining('Round 2 ended cancelled') });
  });
});
