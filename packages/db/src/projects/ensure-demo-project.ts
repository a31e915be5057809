import type { Db } from '../client.ts';
import type { Project } from '../generated/prisma/client.ts';
import { createProject } from './create-project.ts';
import { DomainError } from '../errors.ts';

export const DEMO_PROJECT_SLUG = 'demo';

/** The seeded demo project; created once, left alone afterwards (an admin may have edited it). */
export async function ensureDemoProject(db: Db, actorId: string | null = null): Promise<{ project: Project; created: boolean }> {
  const existing = await db.project.findUnique({ where: { slug: DEMO_PROJECT_SLUG } });
  if (existing) return { project: existing, created: false };
  try {
    const project = await createProject(
      db,
      {
        name: 'Demo: face swap (synthetic)',
        slug: DEMO_PROJECT_SLUG,
        description: 'Synthetic face-swap benchmark: train on seen manipulations, test on unseen ones.',
        // 64×64 keeps a demo round to minutes on a CPU-only machine; open to every annotator, so that a
        // first run works before anyone manages members.
        settings: { imageSize: 64, openToAllAnnotators: true },
      },
      actorId,
    );
    return { project, created: true };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'conflict') {
      return { project: await db.project.findUniqueOrThrow({ where: { slug: DEMO_PROJECT_SLUG } }), created: false };
    }
    throw err;
  }
}
