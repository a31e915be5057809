import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStorage } from '@lae-studio/datasets';
import { DomainError, findProject, findUserIdsByEmail, insertProjectRows, type Db, type Prisma } from '@lae-studio/db';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest } from './format.ts';

type Row = Record<string, unknown>;

function fromJsonRow(row: Row, dateKeys: string[]): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v && typeof v === 'object' && '$bytes' in (v as object)) out[k] = new Uint8Array(Buffer.from((v as { $bytes: string }).$bytes, 'base64'));
    else if (dateKeys.includes(k) && typeof v === 'string') out[k] = new Date(v);
    // Nulls are left out: every nullable column defaults to null, and Prisma refuses a bare null for Json.
    else if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

const DATES = ['createdAt', 'updatedAt', 'startedAt', 'completedAt', 'submittedAt', 'reviewedAt', 'leaseExpiresAt', 'promotedAt', 'at'];

/**
 * Restore a project backup. Into an installation that lacks the project, ids are kept (disaster recovery);
 * with `asSlug`, every id is renewed so that a copy can live beside the original. Images and artifacts
 * are verified against their checksums; everything is written in one transaction (all or nothing).
 */
export async function restoreProject(db: Db, storage: BlobStorage, opts: { dir: string; asSlug?: string }): Promise<{ projectId: string; counts: Record<string, number> }> {
  const manifest = JSON.parse(await readFile(path.join(opts.dir, 'backup.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new DomainError('invalid', `${opts.dir} is not a LAE Studio project backup`);
  if (manifest.version > BACKUP_VERSION) throw new DomainError('invalid', `backup format ${manifest.version} is newer than this LAE Studio understands (${BACKUP_VERSION})`);

  const projectId = String(manifest.project.id);
  const exists = opts.asSlug ? await findProject(db, { slug: opts.asSlug }) : ((await findProject(db, { projectId })) ?? (await findProject(db, { slug: String(manifest.project.slug) })));
  if (exists) throw new DomainError('conflict', opts.asSlug ? `a project with slug "${opts.asSlug}" exists` : `project "${String(manifest.project.slug)}" exists here: restore it as a copy with a new slug`);

  const ids = new Map<string, string>();
  const id = (old: unknown) => {
    if (old === null || old === undefined) return null;
    if (!opts.asSlug) return String(old);
    const o = String(old);
    if (!ids.has(o)) ids.set(o, randomUUID().replaceAll('-', ''));
    return ids.get(o)!;
  };
  const byEmail = await findUserIdsByEmail(db, { emails: manifest.users.map((u) => u.email) });
  const users = new Map(manifest.users.map((u) => [u.id, byEmail.get(u.email) ?? null]));
  const user = (old: unknown) => (typeof old === 'string' ? (users.get(old) ?? null) : null);

  // Images first (content-addressed, idempotent): verify every one before touching the database.
  for (const key of new Set(manifest.samples.map((s) => String(s.storageKey)))) {
    const bytes = await readFile(path.join(opts.dir, 'blobs', path.basename(key)));
    if (createHash('sha256').update(bytes).digest('hex') !== key) throw new DomainError('invalid', `image ${key} in the backup is corrupt`);
    await storage.put(bytes);
  }
  const artifacts = await Promise.all(
    manifest.artifacts.map(async (a) => {
      const bytes = new Uint8Array(await readFile(path.join(opts.dir, 'artifacts', path.basename(a.file))));
      if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) throw new DomainError('invalid', `model artifact ${a.modelVersionId} in the backup is corrupt`);
      return { ...a, bytes };
    }),
  );

  const p = fromJsonRow(manifest.project, DATES);
  const newProjectId = id(projectId)!;
  await insertProjectRows(db, {
    project: { ...(p as Prisma.ProjectUncheckedCreateInput), id: newProjectId, slug: opts.asSlug ?? String(p.slug), createdById: user(p.createdById) },
    samples: manifest.samples.map((r) => ({ ...(fromJsonRow(r, DATES) as Prisma.SampleCreateManyInput), id: id(r.id)!, projectId: newProjectId })),
    models: manifest.models.map((r) => ({
      ...(fromJsonRow(r, DATES) as Prisma.ModelVersionCreateManyInput),
      id: id(r.id)!,
      projectId: newProjectId,
      roundId: null,
      parentId: id(r.parentId),
      // A copy has new sample ids, hence another data version: its baseline stays a baseline, under a key of its own.
      baselineFor: typeof r.baselineFor === 'string' && opts.asSlug ? `${newProjectId}:copy:${String(r.baselineFor)}` : ((r.baselineFor as string | null | undefined) ?? null),
    })),
    modelRounds: manifest.models.flatMap((m) => (m.roundId ? [{ modelVersionId: id(m.id)!, roundId: id(m.roundId)! }] : [])),
    rounds: manifest.rounds.map((r) => ({ ...(fromJsonRow(r, DATES) as Prisma.RoundCreateManyInput), id: id(r.id)!, projectId: newProjectId, modelInId: id(r.modelInId) })),
    tasks: manifest.tasks.map((r) => ({ ...(fromJsonRow(r, DATES) as Prisma.AnnotationTaskCreateManyInput), id: id(r.id)!, projectId: newProjectId, roundId: id(r.roundId)!, sampleId: id(r.sampleId)!, assigneeId: user(r.assigneeId), leaseHolderId: null })),
    masks: manifest.masks.map((r) => ({ ...(fromJsonRow(r, DATES) as Prisma.MaskCreateManyInput), id: id(r.id)!, sampleId: id(r.sampleId)!, taskId: id(r.taskId), authorId: user(r.authorId), reviewerId: user(r.reviewerId), clientId: opts.asSlug ? null : (r.clientId as string | null) })),
    artifacts: artifacts.map((a) => ({ modelVersionId: id(a.modelVersionId)!, format: a.format, sha256: a.sha256, bytes: a.bytes })),
    auditEvents: manifest.auditEvents.map((r) => ({ ...(fromJsonRow(r, DATES) as Prisma.AuditEventCreateManyInput), projectId: newProjectId, targetId: (r.targetId as string | null) ?? null })),
    promotedModelId: id(manifest.project.promotedModelId),
    restore: { from: projectId, createdAt: manifest.createdAt, asCopy: !!opts.asSlug },
  });
  return { projectId: newProjectId, counts: manifest.counts };
}
