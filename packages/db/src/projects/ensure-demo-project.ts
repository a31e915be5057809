import type { Db } from '../client.ts';
import type { Project } from '../generated/prisma/client.ts';
import { createProject } from './create-project.ts';
import { DomainError } from '../errors.ts';

export const DEMO_PROJECT_SLUG = 'demo';

/** The seeded demo project; created once, left alone afterwards (an admin may have edited it). */
export async function ensureDemoProject(db: Db, opts: { actorId?: string | null } = {}): Promise<{ project: Project; created: boolean }> {
  const existing = await db.project.findUnique({ where: { slug: DEMO_PROJECT_SLUG } });
  if (existing) return { project: existing, created: false };
  try {
    const project = await createProject(db, {
      name: 'Demo: face swap (synthetic)',
      slug: DEMO_PROJECT_SLUG,
      description:
        'Synthetic face-swap benchmark v2: a red border cue on every training fake traps a label-only detector; masks on 3 % of the fakes (two rounds) should lift accuracy on the unseen swap.',
      // 64×64 keeps a demo round to minutes on a CPU-only machine; 1.5 % a round reaches the paper's 3 % in two
      // rounds; open to every annotator, so that a first run works before anyone manages members.
      settings: { imageSize: 64, roundBudgetFraction: 0.015, openToAllAnnotators: true },
      actorId: opts.actorId ?? null,
    });
    return { project, created: true };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'conflict') {
      return { project: await db.project.findUniqueOrThrow({ where: { slug: DEMO_PROJECT_SLUG } }), created: false };
    }
    throw err;
  }
}
