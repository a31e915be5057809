import { generatePassword, hashPassword } from '@lae-studio/auth';
import { countSamples, ensureAdmin, ensureDemoProject, type Db } from '@lae-studio/db';
import type { JobProducer } from '@lae-studio/queue';
import type { CliEnv } from './env.ts';
import { paint, say } from './output.ts';

// The counts the claim was measured at (reports/claim.md: 2,000 train, 1,000 unseen test images): with the demo's
// round budget, two rounds mask 30 = 3 % of the 1,000 training fakes, the setting masks lifted unseen accuracy in.
const DEMO_COUNTS = { train: 2000, val: 400, test: 2000 };

/** The first admin and the demo project (with a synthetic face-swap benchmark). Idempotent: a second start changes nothing. */
export async function seed(db: Db, producer: JobProducer, env: CliEnv): Promise<void> {
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
    if ((await countSamples(db, { projectId: demo.project.id })) === 0) {
      // The worker generates the data in the background: the web app is usable meanwhile.
      await producer.enqueue('generateData', { projectId: demo.project.id, preset: 'face-swap', version: 'v2', seed: 1, size: 64, counts: DEMO_COUNTS, requestId: 'demo-seed' });
      say('seed', `queued a synthetic face-swap benchmark v2 (${DEMO_COUNTS.train + DEMO_COUNTS.val + DEMO_COUNTS.test} images, 64×64) for the demo project`);
    }
  }
}
