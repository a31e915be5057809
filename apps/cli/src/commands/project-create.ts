import { createProject } from '@lae-studio/db';
import { say } from '../output.ts';
import { withPlatform } from '../with-platform.ts';

export async function projectCreate(o: { name: string; slug: string; imageSize: string; strategy: string }): Promise<void> {
  await withPlatform(async ({ db }) => {
    const p = await createProject(db, { name: o.name, slug: o.slug, settings: { imageSize: Number(o.imageSize) as 64, strategy: o.strategy as 'margin' } });
    say('project', `created ${p.slug} (${p.imageSize}×${p.imageSize}, ${p.strategy})`);
  });
}
