import { generatePassword, hashPassword } from '@lae-studio/auth';
import { ensureAdmin, ensureDemoProject, type Db } from '@lae-studio/db';
import type { CliEnv } from './env.ts';
import { paint, say } from './output.ts';

/** The first admin and the demo project. Idempotent: a second start changes nothing. */
export async function seed(db: Db, env: CliEnv): Promise<void> {
  const email = env.ADMIN_EMAIL ?? 'admin@lae.local';
  const password = env.ADMIN_PASSWORD ?? generatePassword();
  const admin = await ensureAdmin(db, { email, passwordHash: () => hashPassword(password) });
  if (admin.status === 'created') {
    say('seed', `created admin ${admin.email}`);
    if (!env.ADMIN_PASSWORD) {
      say('seed', paint(1, `generated password (shown once, change it or set ADMIN_PASSWORD): ${password}`));
    }
  } else {
    say('seed', `admin ${admin.email} exists`);
  }
  if (env.LAE_SEED_DEMO) {
    const demo = await ensureDemoProject(db);
    say('seed', demo.created ? `created demo project "${demo.project.name}"` : `demo project "${demo.project.slug}" exists`);
  }
}
