import type { Db } from '../client.ts';

/** Projects with the counts the dashboard shell shows. */
export async function listProjects(db: Db) {
  const projects = await db.project.findMany({
    orderBy: { createdAt: 'asc' },
    include: { _count: { select: { samples: true, rounds: true, models: true } } },
  });
  return projects.map(({ _count, ...p }) => ({ ...p, sampleCount: _count.samples, roundCount: _count.rounds, modelCount: _count.models }));
}
