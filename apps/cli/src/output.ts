import { noColorRequested } from './env.ts';

// Human-facing output of the CLI: one coloured prefix per service, so interleaved logs stay readable.
const useColor = process.stdout.isTTY && !noColorRequested();
const colors: Record<string, number> = { start: 36, postgres: 34, redis: 31, web: 32, worker: 35, build: 33, seed: 36 };

export function paint(code: number, text: string): string {
  return useColor ? `\x1b[${code}m${text}\x1b[0m` : text;
}

export function say(service: string, line: string): void {
  const tag = paint(colors[service] ?? 37, service.padEnd(8));
  for (const l of line.replace(/\s+$/, '').split('\n')) process.stdout.write(`${tag} ${l}\n`);
}

export function fail(message: string): never {
  process.stderr.write(`${paint(31, 'error')} ${message}\n`);
  process.exit(1);
}

/** Pipe a child's output through `say`, line by line. */
export function prefixStream(service: string, stream: NodeJS.ReadableStream | null): void {
  if (!stream) return;
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const l of lines) if (l.trim()) say(service, l);
  });
  stream.on('end', () => buffer.trim() && say(service, buffer));
}
