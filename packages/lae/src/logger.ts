import { readEnv } from './env.ts';

/** Anything with info/warn (pino, console, a test spy) can be passed as a logger. */
export interface Logger {
  info(msg: string, ...rest: unknown[]): void;
  warn(msg: string, ...rest: unknown[]): void;
}

const silent: Logger = { info: () => undefined, warn: () => undefined };
const stderr: Logger = {
  info: (msg, ...rest) => console.error(`[lae] ${msg}`, ...rest),
  warn: (msg, ...rest) => console.error(`[lae] WARN ${msg}`, ...rest),
};

export function defaultLogger(): Logger {
  return readEnv().LAE_LOG === '0' ? silent : stderr;
}

export function resolveLogger(logger?: Logger): Logger {
  return logger ?? defaultLogger();
}
