/** A video ffmpeg cannot read, or one over the limits; the import reports it and goes on with the next. */
export class VideoError extends Error {
  override name = 'VideoError';
  constructor(
    readonly code: 'corrupt-video' | 'too-large' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** ffmpeg or ffprobe is not installed: no video of the job can be read, so the job fails at once. */
export class FfmpegMissingError extends Error {
  override name = 'FfmpegMissingError';
  constructor(program: string) {
    super(`${program} was not found: install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg). \`npm start\` installs it when run as root.`);
  }
}
