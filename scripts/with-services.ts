// `tsx scripts/with-services.ts <command> [args…]`: run a command with PostgreSQL and Redis provided, as
// `npm test` does — DATABASE_URL / REDIS_URL when set, otherwise the embedded servers (started here and
// stopped afterwards, or attached to when `npm start` runs them). The command sees DATABASE_URL,
// TEST_DATABASE_URL and REDIS_URL. Used by `db:*` and the benchmarks, so that they run on a fresh clone.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServices } from '@lae-studio/services';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  if (!command) {
    console.error('usage: tsx scripts/with-services.ts <command> [args…]');
    return 2;
  }
  const services = await ensureServices({
    repoRoot: root,
    env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL },
    log: (s, l) => console.error(`[${s}] ${l}`),
  });
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: services.databaseUrl, TEST_DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl },
  });
  const stopChild = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', stopChild);
  process.on('SIGTERM', stopChild);
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  await services.stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
