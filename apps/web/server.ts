// The production web server: Next.js' request handler on node:http, in LAE_WEB_PROCESSES processes that
// share one port (node:cluster) — `next start` runs a single process, which uses a single core.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { serverEnv } from './src/env.ts';

const env = serverEnv();
const dir = path.dirname(fileURLToPath(import.meta.url));

if (cluster.isPrimary && env.LAE_WEB_PROCESSES > 1) {
  let stopping = false;
  for (let i = 0; i < env.LAE_WEB_PROCESSES; i++) cluster.fork();
  cluster.on('exit', (w, code) => {
    if (stopping) return;
    console.error(`web process ${w.process.pid} exited (${code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 10_000).unref();
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`- Local: http://${env.HOST}:${env.PORT} (${env.LAE_WEB_PROCESSES} processes)`);
} else {
  const app = next({ dev: false, dir, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  server.listen(env.PORT, env.HOST, () => cluster.isPrimary && console.log(`- Local: http://${env.HOST}:${env.PORT}`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
