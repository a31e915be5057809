import { ensureOsCommand } from './os-command.ts';

/**
 * ffmpeg and ffprobe (Debian package `ffmpeg`) for the video importer. When missing: installed with apt-get
 * if we are root on Debian/Ubuntu, as redis-server is; otherwise throws with how to install them.
 */
export function ensureFfmpeg(log: (line: string) => void): { ffmpeg: string; ffprobe: string } {
  const howToInstall = '  Debian/Ubuntu: sudo apt-get install -y ffmpeg\n  macOS:         brew install ffmpeg';
  const ffmpeg = ensureOsCommand({ command: 'ffmpeg', debianPackage: 'ffmpeg', howToInstall, log });
  const ffprobe = ensureOsCommand({ command: 'ffprobe', debianPackage: 'ffmpeg', howToInstall, log });
  return { ffmpeg, ffprobe };
}
