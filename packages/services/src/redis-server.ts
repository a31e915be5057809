import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import { ensureOsCommand } from './os-command.ts';
import { isPortOpen } from './wait-for-port.ts';

export interface RedisHandle {
  url: string;
  stop(): Promise<void>;
}

/** redis-server from the OS. When missing: install it with apt-get if we are root on Debian/Ubuntu, else say how. */
export function ensureRedisServerBinary(log: (line: string) => void): string {
  return ensureOsCommand({
    command: 'redis-server',
    debianPackage: 'redis-server',
    howToInstall:
      '  Debian/Ubuntu: sudo apt-get install -y redis-server\n' +
      '  macOS:         brew install redis\n' +
      'or point REDIS_URL at an existing Redis (e.g. `docker compose up -d redis`).',
    log,
  });
}

/** Speak just enough RESP to tell whether a Redis answers on the port (no client library needed here). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** A local redis-server with append-only persistence under `dir`, on a private port, loopback only. */
export async function startRedisServer(opts: { dir: string; port: number; log: (line: string) => void }): Promise<RedisHandle> {
  const bin = ensureRedisServerBinary(opts.log);
  await mkdir(opts.dir, { recursive: true });
  const url = `redis://127.0.0.1:${opts.port}`;
  if (await isPortOpen(opts.port)) {
    // Already served by another process of ours (e.g. `npm start`): attach to it, don't own it.
    if (await answersPing(opts.port)) return { url, stop: async () => {} };
    throw new Error(`Port ${opts.port} is already in use by something else. Stop it, or set LAE_EMBEDDED_REDIS_PORT.`);
  }
  const args = [
    '--port', String(opts.port),
    '--bind', '127.0.0.1',
    '--dir', opts.dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    // BullMQ must never lose keys to eviction.
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--protected-mode', 'yes',
  ];
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));

  const started = Date.now();
  while (!(await isPortOpen(opts.port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() - started > 15_000) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start listening on ${opts.port} within 15 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // SIGTERM makes redis fsync the AOF and exit cleanly.
        child.kill('SIGTERM');
      }),
  };
}
