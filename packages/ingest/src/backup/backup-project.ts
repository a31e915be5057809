import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStorage } from '@lae-studio/data';
import type { Db } from '@lae-studio/db';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest } from './format.ts';

/** JSON-safe copy of a row: bytes → base64, bigint → string, dates → ISO. */
export function toJsonRow(row: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v]),
  );
}

/**
 * Back up one project — samples and their images, every mask version, rounds, tasks, model versions with
 * their artifacts, and its audit trail — into `dir`. Scores and drafts are left out: scores are recomputed by
 * the next round, drafts are work in progress.
 */
export async function backupProject(db: Db, storage: BlobStorage, opts: { projectId: string; dir: string; onProgress?: (done: number, total: number) => void }): Promise<BackupManifest> {
  const project = await db.project.findUniqueOrThrow({ where: { id: opts.projectId } });
  const [samples, masks, rounds, tasks, models, auditEvents, migration] = await Promise.all([
    db.sample.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } }),
    db.mask.findMany({ where: { sample: { projectId: project.id } }, orderBy: [{ sampleId: 'asc' }, { version: 'asc' }] }),
    db.round.findMany({ where: { projectId: project.id }, orderBy: { number: 'asc' } }),
    db.annotationTask.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } }),
    db.modelVersion.findMany({ where: { projectId: project.id }, orderBy: { createdAt: 'asc' } }),
    db.auditEvent.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } }),
    db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1`,
  ]);
  const userIds = [...new Set([...masks.flatMap((m) => [m.authorId, m.reviewerId]), ...tasks.flatMap((t) => [t.assigneeId, t.leaseHolderId])].filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });

  await mkdir(path.join(opts.dir, 'blobs'), { recursive: true });
  await mkdir(path.join(opts.dir, 'artifacts'), { recursive: true });
  const keys = [...new Set(samples.map((s) => s.storageKey))];
  let done = 0;
  for (const key of keys) {
    await writeFile(path.join(opts.dir, 'blobs', key), await storage.get(key));
    opts.onProgress?.(++done, keys.length);
  }
  const artifacts: BackupManifest['artifacts'] = [];
  for (const m of models) {
    const a = await db.modelArtifact.findUnique({ where: { modelVersionId: m.id } });
    if (!a) continue;
    const file = `artifacts/${m.id}.bin`;
    await writeFile(path.join(opts.dir, file), a.bytes);
    artifacts.push({ modelVersionId: m.id, format: a.format, sha256: a.sha256, file });
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    schema: migration[0]?.migration_name ?? null,
    counts: { samples: samples.length, masks: masks.length, rounds: rounds.length, tasks: tasks.length, models: models.length, artifacts: artifacts.length, images: keys.length },
    project: toJsonRow(project),
    users,
    samples: samples.map(toJsonRow),
    masks: masks.map(toJsonRow),
    rounds: rounds.map(toJsonRow),
    tasks: tasks.map((t) => toJsonRow({ ...t, scoreId: null, leaseHolderId: null, leaseToken: null, leaseExpiresAt: null, status: t.status === 'leased' ? 'queued' : t.status })),
    models: models.map(toJsonRow),
    artifacts,
    auditEvents: auditEvents.map((e) => toJsonRow({ ...e, id: undefined })),
  };
  // Written last and atomically: a folder without backup.json is an incomplete backup.
  await writeFile(path.join(opts.dir, 'backup.json.tmp'), JSON.stringify(manifest));
  const { rename } = await import('node:fs/promises');
  await rename(path.join(opts.dir, 'backup.json.tmp'), path.join(opts.dir, 'backup.json'));
  return manifest;
}
