import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStorage } from '@lae-studio/datasets';
import { findModelArtifact, readProjectRows, type Db } from '@lae-studio/db';
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
  const { project, samples, masks, rounds, tasks, models, auditEvents, users, schema } = await readProjectRows(db, { projectId: opts.projectId });

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
    const a = await findModelArtifact(db, { modelVersionId: m.id });
    if (!a) continue;
    const file = `artifacts/${m.id}.bin`;
    await writeFile(path.join(opts.dir, file), a.bytes);
    artifacts.push({ modelVersionId: m.id, format: a.format, sha256: a.sha256, file });
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    schema,
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
