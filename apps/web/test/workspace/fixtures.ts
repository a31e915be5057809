// Workspace fixtures written straight to the test server's database and image storage: a project with a
// round, samples (PNG images made with sharp) and queued tasks, extra annotators, and an RLE helper.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { hashPassword } from '@lae-studio/auth';
import { LocalStorage } from '@lae-studio/datasets';
import { createDb, createUser, type Db } from '@lae-studio/db';
import { TEST_TRANSACTION } from '@lae-studio/db/testing';
import { decodeRle, encodeCompressedRle, type CompressedRle } from '@lae-studio/mask-codec';
import { PASSWORD } from '../users.ts';

export interface Seeded {
  projectId: string;
  roundId: string;
  tasks: { id: string; sampleId: string; width: number; height: number }[];
}

let shared: Db | undefined;
/** One client for the test file's whole run (closed by closeFixtures). */
export function fixtureDb(databaseUrl: string): Db {
  shared ??= createDb(databaseUrl, 4, { transaction: TEST_TRANSACTION });
  return shared;
}
export async function closeFixtures(): Promise<void> {
  await shared?.$disconnect();
  shared = undefined;
}

async function pngOf(width: number, height: number, seed: number): Promise<Uint8Array> {
  // A gradient with a seed-dependent tint: distinct bytes (content hash) per sample.
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = (seed * 37) % 256;
    }
  }
  return new Uint8Array(await sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer());
}

/**
 * A project with one task per requested size (priority descending in list order), each sample's image in
 * storage. `attention` adds a model score with an 8×8 attention map (hot in the top-left quarter).
 */
export async function seedProject(opts: { databaseUrl: string; storageDir: string; sizes: [number, number][]; attention?: boolean; members?: string[] }): Promise<Seeded> {
  const db = fixtureDb(opts.databaseUrl);
  const storage = new LocalStorage(opts.storageDir);
  const suffix = randomBytes(4).toString('hex');
  // Members-only when members are given (the default for a project); open to all annotators otherwise.
  const project = await db.project.create({ data: { name: `Workspace ${suffix}`, slug: `ws-${suffix}`, openToAllAnnotators: !opts.members } });
  if (opts.members) for (const userId of opts.members) await db.projectMember.create({ data: { projectId: project.id, userId } });
  const round = await db.round.create({ data: { projectId: project.id, number: 1, strategy: 'margin', budget: opts.sizes.length, status: 'annotating' } });
  const model = opts.attention ? await db.modelVersion.create({ data: { projectId: project.id, config: {}, backend: 'cpu', status: 'ready' } }) : null;
  const tasks = [];
  for (const [i, [width, height]] of opts.sizes.entries()) {
    const bytes = await pngOf(width, height, Number.parseInt(suffix, 16) + i);
    const { key } = await storage.put(bytes);
    const sample = await db.sample.create({
      data: { projectId: project.id, storageKey: key, contentHash: key, width, height, label: 'fake', split: 'train', manipulation: 'faceswap' },
    });
    let scoreId: string | null = null;
    if (model) {
      const map = new Float32Array(64).map((_, k) => (k % 8 < 4 && k < 32 ? 1 : 0.05));
      const score = await db.score.create({
        data: { modelVersionId: model.id, sampleId: sample.id, pFake: 0.6, margin: 0.8, entropy: 0.9, attentionDispersion: 0.5, attention: Buffer.from(map.buffer), attentionSize: 8 },
      });
      scoreId = score.id;
    }
    const task = await db.annotationTask.create({ data: { projectId: project.id, roundId: round.id, sampleId: sample.id, priority: opts.sizes.length - i, scoreId } });
    tasks.push({ id: task.id, sampleId: sample.id, width, height });
  }
  return { projectId: project.id, roundId: round.id, tasks };
}

/** An extra annotator (the shared USERS have only one), with the common test password. */
export async function createAnnotator(databaseUrl: string, label: string): Promise<{ id: string; email: string }> {
  const email = `${label}-${randomBytes(3).toString('hex')}@test.lae`;
  const user = await createUser(fixtureDb(databaseUrl), { email, role: 'annotator', passwordHash: await hashPassword(PASSWORD) });
  return { id: user.id, email };
}

export async function userId(databaseUrl: string, email: string): Promise<string> {
  return (await fixtureDb(databaseUrl).user.findUniqueOrThrow({ where: { email } })).id;
}

/** COCO RLE of a width × height mask with the pixels `set` returns true for. */
export function rleOf(width: number, height: number, set: (x: number, y: number) => boolean = () => false): CompressedRle {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = set(x, y) ? 1 : 0;
  return encodeCompressedRle({ width, height, data });
}

/** The stored mask's pixels (Mask.data is the RLE counts string as UTF-8). */
export function storedPixels(mask: { data: Uint8Array; width: number; height: number }): Uint8Array {
  return decodeRle({ size: [mask.height, mask.width], counts: new TextDecoder().decode(mask.data) }).data;
}
