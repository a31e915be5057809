import type { BlobStorage } from '@lae-studio/datasets';

// COCO `file_name` (and the PNG manifest's and Label Studio's image) must name the image file as a user has it,
// extension included: tools match annotations to images by it. Imported and generated samples keep their file
// name in `sourceName`; older rows and samples added without a name do not, so their extension is read from
// the first bytes of the stored image.

const HAS_EXTENSION = /\.[A-Za-z0-9]{1,5}$/;

/** The extension the image bytes' signature implies, or '' when it is none of the formats we store. */
export function extensionOfImage(head: Uint8Array): string {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return '.png';
  if (at(0, 0xff, 0xd8, 0xff)) return '.jpg';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return '.webp';
  return '';
}

async function readHead(storage: BlobStorage, key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.stream(key, { start: 0, end: 15 })) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The sample's image file name with its extension (from the stored bytes when the name has none and storage is given). */
export async function imageFileName(sample: { id: string; sourceName: string | null; storageKey: string }, storage?: BlobStorage): Promise<string> {
  const name = sample.sourceName ?? sample.id;
  if (HAS_EXTENSION.test(name) || !storage) return name;
  const ext = await readHead(storage, sample.storageKey).then(extensionOfImage, () => '');
  return name + ext;
}
