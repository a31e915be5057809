// The PyTorch twin (torch_twin.py) as a child process: one JSON request per line, one reply per line.
// Debian's python3-torch lives in the system interpreter (/usr/bin/python3); a pyenv shim on PATH lacks it.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type LaeConfig } from '../src/config.ts';

export const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('./torch_twin.py', import.meta.url));

/** The torch version, or null when the system Python cannot import torch. */
export function torchVersion(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Installs Debian's python3-torch when missing (the bench only: tests never install anything). */
export function ensureTorch(log: (m: string) => void): string {
  const have = torchVersion();
  if (have) return have;
  if (process.getuid?.() !== 0) {
    throw new Error(`PyTorch is missing from ${PYTHON} and this is not root: run \`sudo apt-get install -y python3-torch\` (Debian's CPU build), then rerun the bench`);
  }
  log('[bench] installing python3-torch with apt (once; the peer benchmark needs it) …');
  const r = spawnSync('apt-get', ['install', '-y', 'python3-torch'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const v = r.status === 0 ? torchVersion() : null;
  if (!v) throw new Error('apt-get install -y python3-torch failed (see above); the peer benchmark needs Debian\'s python3-torch');
  return v;
}

export class TorchTwin {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly replies: Array<(line: string) => void> = [];
  private stderr = '';

  constructor() {
    this.proc = spawn(PYTHON, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    createInterface({ input: this.proc.stdout }).on('line', (line) => this.replies.shift()?.(line));
    this.proc.on('exit', (code) => {
      for (const r of this.replies.splice(0)) r(JSON.stringify({ ok: false, error: `torch twin exited with code ${code}: ${this.stderr}` }));
    });
  }

  async request<T>(msg: Record<string, unknown>): Promise<T> {
    const line = await new Promise<string>((resolve) => {
      this.replies.push(resolve);
      this.proc.stdin.write(`${JSON.stringify(msg)}\n`);
    });
    const reply = JSON.parse(line) as { ok: boolean; error?: string } & T;
    if (!reply.ok) throw new Error(`torch twin: ${reply.error}`);
    return reply;
  }

  /** A fresh twin of the model `config` describes (the resolved config: every field explicit). */
  build(config: LaeConfig, threads: number): Promise<{ params: number; threads: number; torch: string }> {
    return this.request({ cmd: 'build', config, threads });
  }

  close(): void {
    this.proc.stdin.end();
    this.proc.kill();
  }
}

export const b64 = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
export const unb64 = (s: string): Float32Array => {
  const buf = Buffer.from(s, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
};
