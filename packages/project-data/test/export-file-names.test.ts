import { describe, expect, it } from 'vitest';
import { extensionOfImage, imageFileName } from '../src/export-file-names.ts';

const bytes = (...b: number[]) => Uint8Array.from([...b, ...new Array(16).fill(0)]);

describe('export file names', () => {
  it('read the extension from the image signature', () => {
    expect(extensionOfImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a))).toBe('.png');
    expect(extensionOfImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('.jpg');
    expect(extensionOfImage(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]))).toBe('.webp');
    expect(extensionOfImage(bytes(0x47, 0x49, 0x46))).toBe('');
  });

  it('keep a name that has an extension, and never read storage for it', async () => {
    expect(await imageFileName({ id: 's1', sourceName: 'fake/swap/a.jpeg', storageKey: 'not-a-key' })).toBe('fake/swap/a.jpeg');
    expect(await imageFileName({ id: 's1', sourceName: null, storageKey: 'not-a-key' })).toBe('s1');
  });
});
