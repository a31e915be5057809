// Fixtures for the annotation tests: a project with a round, samples and queued tasks, written directly.
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/client.ts';
import type { Role } from '../src/generated/prisma/enums.ts';

export async function makeUser(db: Db, role: Role = 'annotator') {
  const user = await db.user.create({ data: { email: `${role}-${randomBytes(4).toString('hex')}@test.lae`, passwordHash: 'x', role } });
  return { id: user.id, role: user.role };
}

/** Open to all annotators unless `open: false` (a members-only project). */
export async function makeProject(db: Db, opts: { tasks: number; leaseTtlSeconds?: number; width?: number; height?: number; open?: boolean }) {
  const suffix = randomBytes(4).toString('hex');
  const project = await db.project.create({ data: { name: `P ${suffix}`, slug: `p-${suffix}`, leaseTtlSeconds: opts.leaseTtlSeconds ?? 900, openToAllAnnotators: opts.open ?? true } });
  const round = await db.round.create({ data: { projectId: project.id, number: 1, strategy: 'margin', budget: opts.tasks, status: 'annotating' } });
  const tasks = [];
  for (let i = 0; i < opts.tasks; i++) {
    const sample = await db.sample.create({
      data: {
        projectId: project.id,
        storageKey: randomBytes(32).toString('hex'),
        contentHash: randomBytes(32).toString('hex'),
        width: opts.width ?? 8,
        height: opts.height ?? 4,
        label: 'fake',
        split: 'train',
      },
    });
    tasks.push(await db.annotationTask.create({ data: { projectId: project.id, roundId: round.id, sampleId: sample.id, priority: i } }));
  }
  return { project, round, tasks };
}

/** A stand-in encoded mask (the db layer trusts the caller's decoding; the web layer validates). */
export function encoded(width = 8, height = 4, area = 3) {
  return { encoding: 'rle' as const, data: new TextEncoder().encode(`fake-rle-${area}`), width, height, area };
}
