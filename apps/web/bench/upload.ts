// Upload and import throughput: the production server's tus endpoint (what the Data page's upload uses) and
// the worker's import of the uploaded zip, against a scratch database and storage folder.
//   npm run bench:upload -w @lae-studio/web   (embedded services, or TEST_DATABASE_URL / REDIS_URL when set)
// Options (env): BENCH_UPLOAD_MB (256: a file of random bytes, uploaded only), BENCH_UPLOAD_IMAGES (2000: a zip
// of the synthetic benchmark at 128×128, uploaded and imported), BENCH_CHUNK_MB (8, the page's chunk size).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Upload } from 'tus-js-client';
import { hashPassword } from '@lae-studio/auth';
import { HttpSession } from '@lae-studio/auth/http-session';
import { presetConfig, writeBenchmark, zipFolder } from '@lae-studio/datasets';
import { createDb, createUser } from '@lae-studio/db';
import { startServer } from './server.ts';

const MB = 1024 * 1024;
const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 256);
const IMAGES = Number(process.env.BENCH_UPLOAD_IMAGES ?? 2000);
const CHUNK = Number(process.env.BENCH_CHUNK_MB ?? 8) * MB;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Upload bytes through tus as the page does (same chunk size); seconds taken and the upload id. */
function tusUpload(baseUrl: string, session: HttpSession, projectId: string, bytes: Buffer, filename: string): Promise<{ seconds: number; id: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const up = new Upload(bytes, {
      endpoint: `${baseUrl}/api/admin/projects/${projectId}/uploads`,
      chunkSize: CHUNK,
      headers: { cookie: session.cookieHeader() },
      metadata: { filename },
      onError: reject,
      onSuccess: () => resolve({ seconds: (performance.now() - t0) / 1000, id: (up.url ?? '').split('/').pop()! }),
    });
    up.start();
  });
}

async function main() {
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const server = await startServer({ LAE_REDIS_PREFIX: prefix });
  const db = createDb(server.databaseUrl, 2);
  const work = mkdtempSync(path.join(os.tmpdir(), 'lae-bench-upload-'));
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/worker/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: server.databaseUrl, LAE_REDIS_PREFIX: prefix, STORAGE_DRIVER: 'local', STORAGE_DIR: server.storageDir, LAE_WORKER_QUEUES: 'data', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    const password = randomBytes(12).toString('base64url');
    await createUser(db, { email: 'bench@lae.local', role: 'admin', passwordHash: await hashPassword(password) });
    const project = await db.project.create({ data: { name: 'Upload bench', slug: 'upload-bench', imageSize: 128 } });
    const session = new HttpSession(server.baseUrl);
    const err = await session.signIn('bench@lae.local', password);
    if (err) throw new Error(`sign-in failed: ${err}`);

    const blob = randomBytes(UPLOAD_MB * MB);
    const raw = await tusUpload(server.baseUrl, session, project.id, blob, 'random.mp4');
    console.log(`tus upload, ${UPLOAD_MB} MiB of random bytes, ${CHUNK / MB} MiB chunks: ${raw.seconds.toFixed(1)} s = ${(UPLOAD_MB / raw.seconds).toFixed(0)} MiB/s`);

    const set = path.join(work, 'set');
    await writeBenchmark(presetConfig('face-swap', { version: 'v2', seed: 3, size: 128, counts: { train: Math.round(IMAGES * 0.6), val: Math.round(IMAGES * 0.1), test: IMAGES - Math.round(IMAGES * 0.6) - Math.round(IMAGES * 0.1) } }), set);
    const zip = Buffer.from(await zipFolder(set, { level: 0 }));
    const up = await tusUpload(server.baseUrl, session, project.id, zip, 'set.zip');
    const t0 = performance.now();
    const started = await session.fetch(`/api/admin/projects/${project.id}/data`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'import-upload', uploadId: up.id, content: 'folder', masksAs: 'reference' }) });
    if (started.status !== 202) throw new Error(`import refused: ${started.status} ${await started.text()}`);
    const { jobId } = (await started.json()) as { jobId: string };
    let result: Record<string, unknown> | null = null;
    while (!result) {
      await new Promise((r) => setTimeout(r, 250));
      const s = (await (await session.fetch(`/api/admin/projects/${project.id}/data/jobs/${jobId}`)).json()) as { state: string; result: Record<string, unknown> | null; failedReason: string | null };
      if (s.state === 'failed') throw new Error(`import failed: ${s.failedReason}`);
      if (s.state === 'completed') result = s.result;
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`zip of ${IMAGES} images at 128×128 with masks (${(zip.byteLength / MB).toFixed(1)} MiB): upload ${up.seconds.toFixed(1)} s (${(zip.byteLength / MB / up.seconds).toFixed(0)} MiB/s), import ${seconds.toFixed(1)} s = ${(Number(result.added) / seconds).toFixed(0)} images/s (${result.added} added, ${result.masks} masks, ${result.issues} skipped)`);
  } finally {
    worker.kill('SIGTERM');
    await db.$disconnect();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
