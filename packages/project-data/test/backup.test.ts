import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from '@lae-studio/datasets';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { backupProject, generateIntoProject, restoreProject } from '../src/index.ts';

let a: TestDatabase;
let b: TestDatabase;
let dir: string;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  dir = await mkdtemp(path.join(tmpdir(), 'lae-backup-'));
});
afterAll(async () => {
  await Promise.all([a.drop(), b.drop()]);
  await rm(dir, { recursive: true, force: true });
});

async function seed(db: TestDatabase['db'], storage: LocalStorage) {
  const annotator = await db.user.create({ data: { email: 'ann@backup.test', passwordHash: 'x', role: 'annotator' } });
  const project = await db.project.create({ data: { name: 'B', slug: 'backed-up', imageSize: 32, modelConfig: { lambdaAtt: 2 } } });
  await generateIntoProject(db, storage, { projectId: project.id, preset: 'face-swap', overrides: { seed: 4, size: 32, counts: { train: 8, val: 2, test: 4 } } });
  const fake = await db.sample.findFirstOrThrow({ where: { projectId: project.id, split: 'train', label: 'fake' }, include: { masks: true } });
  const round = await db.round.create({ data: { projectId: project.id, number: 0, strategy: 'random', budget: 1, status: 'completed', progress: { phase: 'completed' } } });
  const task = await db.annotationTask.create({ data: { projectId: project.id, roundId: round.id, sampleId: fake.id, status: 'accepted', assigneeId: annotator.id } });
  const ref = fake.masks[0]!;
  await db.mask.create({ data: { sampleId: fake.id, version: 2, source: 'human', encoding: 'rle', data: ref.data, width: ref.width, height: ref.height, area: ref.area, authorId: annotator.id, taskId: task.id, review: 'accepted', clientId: 'c0ffee' } });
  const model = await db.modelVersion.create({ data: { projectId: project.id, roundId: round.id, config: { imageSize: 32 }, backend: 'wasm', status: 'ready', metrics: { unseen: { accuracy: 0.7 } } } });
  const bytes = new Uint8Array([1, 2, 3, 4, 5]);
  const { createHash } = await import('node:crypto');
  await db.modelArtifact.create({ data: { modelVersionId: model.id, format: 'lae-tfjs', bytes, sha256: createHash('sha256').update(bytes).digest('hex') } });
  await db.project.update({ where: { id: project.id }, data: { promotedModelId: model.id } });
  await db.auditEvent.create({ data: { action: 'test.event', projectId: project.id } });
  return project;
}

async function snapshot(db: TestDatabase['db'], projectId: string) {
  const p = await db.project.findUniqueOrThrow({ where: { id: projectId }, include: { promotedModel: { include: { artifact: true } } } });
  const masks = await db.mask.findMany({ where: { sample: { projectId } }, include: { sample: true, author: true }, orderBy: [{ sample: { contentHash: 'asc' } }, { version: 'asc' }] });
  return {
    slugless: { name: p.name, imageSize: p.imageSize, modelConfig: p.modelConfig },
    samples: await db.sample.count({ where: { projectId } }),
    masks: masks.map((m) => ({ hash: m.sample.contentHash, version: m.version, data: Buffer.from(m.data).toString('base64'), reference: m.reference, author: m.author?.email ?? null })),
    promotedArtifact: Buffer.from(p.promotedModel!.artifact!.bytes).toString('hex'),
    metrics: p.promotedModel!.metrics,
    rounds: await db.round.count({ where: { projectId } }),
    tasks: await db.annotationTask.count({ where: { projectId } }),
  };
}

describe('project backup and restore', () => {
  it('restores a project — images, every mask version, rounds, tasks, models and artifacts — into another installation', async () => {
    const storageA = new LocalStorage(path.join(dir, 'storage-a'));
    const project = await seed(a.db, storageA);
    const out = path.join(dir, 'backup');
    const manifest = await backupProject(a.db, storageA, { projectId: project.id, dir: out });
    expect(manifest.counts).toMatchObject({ samples: 14, rounds: 1, tasks: 1, models: 1, artifacts: 1 });

    const storageB = new LocalStorage(path.join(dir, 'storage-b'));
    await b.db.user.create({ data: { email: 'ann@backup.test', passwordHash: 'y', role: 'annotator' } });
    const restored = await restoreProject(b.db, storageB, { dir: out });
    expect(restored.projectId).toBe(project.id);
    expect(await snapshot(b.db, project.id)).toEqual(await snapshot(a.db, project.id));
    // Images came along, byte for byte.
    const sample = await b.db.sample.findFirstOrThrow({ where: { projectId: project.id } });
    expect(Buffer.from(await storageB.get(sample.storageKey)).equals(Buffer.from(await storageA.get(sample.storageKey)))).toBe(true);

    // Restoring again over itself is refused; as a copy under a new slug it works, with new ids.
    await expect(restoreProject(b.db, storageB, { dir: out })).rejects.toMatchObject({ code: 'conflict' });
    const copy = await restoreProject(b.db, storageB, { dir: out, asSlug: 'backed-up-copy' });
    expect(copy.projectId).not.toBe(project.id);
    const { slugless: _s1, ...orig } = await snapshot(a.db, project.id);
    const { slugless: _s2, ...dup } = await snapshot(b.db, copy.projectId);
    expect(dup).toEqual(orig);
  });

  it('refuses a backup whose image or artifact was corrupted, writing nothing', async () => {
    const out = path.join(dir, 'backup');
    const manifest = JSON.parse(await (await import('node:fs/promises')).readFile(path.join(out, 'backup.json'), 'utf8')) as { artifacts: { file: string }[] };
    await writeFile(path.join(out, manifest.artifacts[0]!.file), 'tampered');
    const c = await createTestDatabase();
    try {
      await expect(restoreProject(c.db, new LocalStorage(path.join(dir, 'storage-c')), { dir: out })).rejects.toThrow(/artifact .* corrupt/);
      expect(await c.db.project.count()).toBe(0);
    } finally {
      await c.drop();
    }
  });
});
