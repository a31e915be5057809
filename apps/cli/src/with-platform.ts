import { createStorage, storageConfigFromEnv, type BlobStorage } from '@lae-studio/datasets';
import { createDb, DomainError, findProject, listProjects, type Db } from '@lae-studio/db';
import { fail } from './output.ts';
import { platformServices } from './platform.ts';

/** Run a command body with the database (configured or embedded) and image storage, then clean up. */
export async function withPlatform<T>(body: (p: { db: Db; storage: BlobStorage; databaseUrl: string; redisUrl: string }) => Promise<T>): Promise<T> {
  const services = await platformServices();
  const db = createDb(services.databaseUrl, 4);
  try {
    return await body({ db, storage: createStorage(storageConfigFromEnv()), databaseUrl: services.databaseUrl, redisUrl: services.redisUrl });
  } catch (err) {
    if (err instanceof DomainError) fail(err.message);
    throw err;
  } finally {
    await db.$disconnect();
    await services.stop();
  }
}

export async function projectBySlug(db: Db, slug: string) {
  const p = await findProject(db, { slug });
  if (!p) fail(`No project "${slug}". Existing: ${(await listProjects(db)).map((x) => x.slug).join(', ') || 'none'}.`);
  return p;
}
