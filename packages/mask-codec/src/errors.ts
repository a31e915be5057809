/** Why a mask or an encoded mask was rejected; stable strings callers can branch on. */
export type MaskErrorCode =
  | 'invalid-dimensions'
  | 'too-large'
  | 'invalid-data'
  | 'non-binary'
  | 'invalid-rle'
  | 'invalid-png'
  | 'size-mismatch';

/** The only error this package throws for bad input: malformed data never yields a crash or a wrong-size mask. */
export class MaskFormatError extends Error {
  readonly code: MaskErrorCode;

  constructor(code: MaskErrorCode, message: string) {
    super(message);
    this.name = 'MaskFormatError';
    this.code = code;
  }
}

export function isMaskFormatError(error: unknown): error is MaskFormatError {
  return error instanceof MaskFormatError;
}
