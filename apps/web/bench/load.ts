// `npm run bench:load -w @lae-studio/web [-- 10,50,200 [thinkMs]]`: N concurrent annotators (lease →
// autosave ×3 → submit, three tasks each) against the production build. thinkMs (default 0: a stress test)
// is the mean pause between an annotator's actions — people paint between autosaves. Prints throughput and
// p50/p95/p99 latency per endpoint, and fails when a task was leased to two annotators or an acknowledged
// submit is not in Postgres exactly once.
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { hashPassword } from '@lae-studio/auth';
import { createDb } from '@lae-studio/db';
import { encodeCompressedRle } from '@lae-studio/mask-codec';
import { HttpSession } from '@lae-studio/auth/http-session';
import { startServer } from './server.ts';

const TASKS_EACH = 3;
const AUTOSAVES = 3;
const SIZE = 256;
const PASSWORD = 'load-test-password-1';

type Endpoint = 'lease' | 'autosave' | 'submit';

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function maskBody(step: number) {
  const data = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) if ((x - 128) ** 2 + (y - 128) ** 2 < (20 + 10 * step) ** 2) data[y * SIZE + x] = 1;
  return encodeCompressedRle({ width: SIZE, height: SIZE, data });
}

async function level(baseUrl: string, databaseUrl: string, n: number, thinkMs: number) {
  // Uniform in [0.5, 1.5] × thinkMs, so that annotators do not move in lockstep.
  const think = () => (thinkMs > 0 ? new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
  const db = createDb(databaseUrl, 4);
  const project = await db.project.create({ data: { name: `load ${n}`, slug: `load-${n}-${Date.now().toString(36)}` } });
  const round = await db.round.create({ data: { projectId: project.id, number: 0, strategy: 'random', budget: n * TASKS_EACH, status: 'annotating' } });
  const samples = Array.from({ length: n * TASKS_EACH }, (_, i) => ({ id: `ld${n}x${i}x${randomUUID().slice(0, 8)}`, projectId: project.id, storageKey: `k${i}`, contentHash: randomUUID(), width: SIZE, height: SIZE, label: 'fake' as const, split: 'train' as const }));
  await db.sample.createMany({ data: samples });
  await db.annotationTask.createMany({ data: samples.map((s, i) => ({ projectId: project.id, roundId: round.id, sampleId: s.id, priority: i })) });
  const hash = await hashPassword(PASSWORD);
  const emails = Array.from({ length: n }, (_, i) => `load-${n}-${i}-${randomUUID().slice(0, 6)}@bench.lae`);
  await db.user.createMany({ data: emails.map((email) => ({ email, passwordHash: hash, role: 'annotator' as const })) });

  // Sign everyone in first (argon2 is deliberately slow: not part of the measured loop).
  const sessions: HttpSession[] = [];
  for (let i = 0; i < n; i += 8) {
    sessions.push(
      ...(await Promise.all(
        emails.slice(i, i + 8).map(async (email, j) => {
          const s = new HttpSession(baseUrl);
          const err = await s.signIn(email, PASSWORD, `10.9.${Math.floor((i + j) / 250)}.${(i + j) % 250}`);
          if (err) throw new Error(`sign-in failed for ${email}: ${err}`);
          return s;
        }),
      )),
    );
  }

  const latencies: Record<Endpoint, number[]> = { lease: [], autosave: [], submit: [] };
  const errors: Record<string, number> = {};
  const leasedBy = new Map<string, Set<number>>();
  const acknowledged: string[] = [];
  const json = { 'content-type': 'application/json' };
  const timed = async (ep: Endpoint, run: () => Promise<Response>) => {
    const t0 = performance.now();
    const res = await run();
    const body = await res.text();
    latencies[ep].push(performance.now() - t0);
    if (res.status >= 400) errors[`${ep} ${res.status}`] = (errors[`${ep} ${res.status}`] ?? 0) + 1;
    return { status: res.status, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} };
  };

  const started = performance.now();
  await Promise.all(
    sessions.map(async (s, u) => {
      for (let t = 0; t < TASKS_EACH; t++) {
        await think();
        const lease = await timed('lease', () => s.fetch('/api/tasks/next', { method: 'POST', headers: json, body: JSON.stringify({ projectId: project.id }) }));
        const task = lease.body.task as { id: string; leaseToken: string } | null;
        if (!task) break;
        if (!leasedBy.has(task.id)) leasedBy.set(task.id, new Set());
        leasedBy.get(task.id)!.add(u);
        for (let k = 1; k <= AUTOSAVES; k++) {
          await think();
          await timed('autosave', () => s.fetch(`/api/tasks/${task.id}/draft`, { method: 'PUT', headers: json, body: JSON.stringify({ revision: k, mask: maskBody(k) }) }));
        }
        await think();
        const clientId = randomUUID();
        const submit = await timed('submit', () => s.fetch(`/api/tasks/${task.id}/submit`, { method: 'POST', headers: json, body: JSON.stringify({ leaseToken: task.leaseToken, clientId, mask: maskBody(AUTOSAVES) }) }));
        if (submit.status === 201 || submit.status === 200) acknowledged.push(clientId);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const duplicateLeases = [...leasedBy.values()].filter((users) => users.size > 1).length;
  const stored = await db.mask.findMany({ where: { clientId: { in: acknowledged } }, select: { clientId: true, taskId: true } });
  const perTask = await db.mask.groupBy({ by: ['taskId'], where: { sample: { projectId: project.id } }, _count: { _all: true } });
  const lost = acknowledged.length - new Set(stored.map((m) => m.clientId)).size;
  const duplicated = perTask.filter((g) => g._count._all > 1).length;
  await db.$disconnect();

  const requests = Object.values(latencies).reduce((a, l) => a + l.length, 0);
  const rows = (Object.keys(latencies) as Endpoint[]).map((ep) => {
    const l = [...latencies[ep]].sort((a, b) => a - b);
    return { n, endpoint: ep, requests: l.length, p50: quantile(l, 0.5), p95: quantile(l, 0.95), p99: quantile(l, 0.99) };
  });
  return { n, seconds, requests, rps: requests / seconds, rows, errors, duplicateLeases, lost, duplicated, acknowledged: acknowledged.length };
}

async function main() {
  const levels = (process.argv[2] ?? '10,50,200').split(',').map(Number);
  const thinkMs = Number(process.argv[3] ?? 0);
  const server = await startServer({ LAE_SIGNIN_MAX_PER_IP: '100000', LAE_SIGNIN_MAX_PER_ACCOUNT: '100', DATABASE_POOL_SIZE: '20' });
  let failed = false;
  try {
    console.log(`load test on ${cpus().length}× ${cpus()[0]?.model.trim()} (client and server share the machine), mean think time ${thinkMs} ms\n`);
    console.log('   N  endpoint   requests    p50 ms    p95 ms    p99 ms');
    for (const n of levels) {
      const r = await level(server.baseUrl, server.databaseUrl, n, thinkMs);
      for (const row of r.rows) console.log(`${String(n).padStart(4)}  ${row.endpoint.padEnd(9)} ${String(row.requests).padStart(9)} ${row.p50.toFixed(1).padStart(9)} ${row.p95.toFixed(1).padStart(9)} ${row.p99.toFixed(1).padStart(9)}`);
      console.log(
        `      ${r.requests} requests in ${r.seconds.toFixed(1)} s = ${r.rps.toFixed(0)} req/s; ${r.acknowledged} submits acknowledged; errors ${JSON.stringify(r.errors)}; duplicate leases ${r.duplicateLeases}; lost submits ${r.lost}; tasks with >1 mask ${r.duplicated}\n`,
      );
      if (r.duplicateLeases || r.lost || r.duplicated || Object.keys(r.errors).length) failed = true;
    }
  } finally {
    await server.stop();
  }
  if (failed) {
    console.error('FAILED: duplicate leases, lost or duplicated submits, or errors (see above)');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
