/** Prisma 7 maps Bytes to Uint8Array<ArrayBuffer>; this copies any typed view into one. */
export function toDbBytes(view: ArrayBufferView): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
}
