export { MaskFormatError, isMaskFormatError, type MaskErrorCode } from './errors.ts';
export { DEFAULT_MAX_MASK_PIXELS, checkDimensions, type MaskLimits } from './limits.ts';
export {
  assertBinaryMask,
  binarize,
  createMask,
  isBinaryMask,
  maskArea,
  maskBbox,
  masksEqual,
  type BinaryMask,
} from './mask.ts';
export type { CocoRle, CompressedRle, UncompressedRle } from './rle/types.ts';
export { encodeCompressedRle, encodeRle, maskToCounts } from './rle/encode.ts';
export { decodeRle, toUncompressedRle } from './rle/decode.ts';
export { compressRle, decompressRle } from './rle/convert.ts';
export { countsFromString, countsToString } from './rle/string-codec.ts';
export { rleArea, rleBbox } from './rle/measure.ts';
export { readPngHeader, type PngHeader } from './png/header.ts';
export { encodeMaskPng, type MaskPngOptions } from './png/encode.ts';
export { decodeMaskPng, type BinarizeRule, type DecodeMaskPngOptions } from './png/decode.ts';
