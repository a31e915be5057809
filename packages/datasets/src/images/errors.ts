export type ImageErrorCode = 'not-an-image' | 'unsupported-format' | 'too-many-bytes' | 'too-many-pixels' | 'corrupt';

/** Why an image was refused. The message names the limit or the problem, fit to show an uploader. */
export class ImageError extends Error {
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageError';
    this.code = code;
  }
}
