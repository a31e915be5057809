import { createHash } from 'node:crypto';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';
import type { MaskEncoding } from '../generated/prisma/client.ts';
import { addMaskVersion } from '../samples/add-mask-version.ts';

export interface AddImportedMaskOptions {
  sampleId: string;
  encoding: MaskEncoding;
  data: Uint8Array;
  width: number;
  height: number;
  area: number;
  /** Reference (evaluation-only ground truth) or a training mask. */
  reference: boolean;
}

/**
 * Adds a mask brought in from another tool as the sample's next version, accepted. Idempotent by content:
 * its clientId is a digest of (sample, role, bytes), so importing the same file again, or a retried job,
 * stores nothing new — the unique clientId decides even when two imports race.
 */
export async function addImportedMask(db: Db, opts: AddImportedMaskOptions): Promise<'added' | 'duplicate'> {
  const digest = createHash('sha256').update(`${opts.sampleId}\n${opts.reference ? 'reference' : 'training'}\n${opts.encoding}\n`).update(opts.data).digest('hex');
  const clientId = `import-${digest.slice(0, 48)}`;
  const exists = async () => (await db.mask.findUnique({ where: { clientId }, select: { id: true } })) !== null;
  if (await exists()) return 'duplicate';
  try {
    await addMaskVersion(db, { ...opts, source: 'import', review: 'accepted', clientId });
    return 'added';
  } catch (err) {
    // A concurrent import of the same mask won the unique clientId.
    if (isUniqueViolation(err) && (await exists())) return 'duplicate';
    throw err;
  }
}
