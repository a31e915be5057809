import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { aptEnv } from './env.ts';

function findCommand(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return found.status === 0 && bin ? bin : null;
}

/**
 * A program that comes from the OS (no npm package ships it): its path. When missing, install the Debian
 * package with apt-get if we are root on Debian/Ubuntu; otherwise throw with how to install it.
 */
export function ensureOsCommand(opts: { command: string; debianPackage: string; howToInstall: string; log: (line: string) => void }): string {
  const existing = findCommand(opts.command);
  if (existing) return existing;
  if (userInfo().uid === 0 && existsSync('/usr/bin/apt-get')) {
    opts.log(`${opts.command} is not installed: installing it with apt-get (Debian package ${opts.debianPackage})…`);
    const env = aptEnv();
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', opts.debianPackage], { stdio: 'inherit', env });
    const installed = findCommand(opts.command);
    if (installed) return installed;
  }
  throw new Error(`${opts.command} was not found. Install it and run again:\n${opts.howToInstall}`);
}
