import type { Db } from '../client.ts';
import { toDbBytes } from '../bytes.ts';
import { isUniqueViolation } from '../errors.ts';
import type { Mask, MaskEncoding, MaskSource, Prisma, ReviewStatus } from '../generated/prisma/client.ts';

export interface AddMaskVersionInput {
  sampleId: string;
  source: MaskSource;
  encoding: MaskEncoding;
  data: Uint8Array;
  width: number;
  height: number;
  area: number;
  reference?: boolean;
  authorId?: string | null;
  taskId?: string | null;
  clientId?: string | null;
  noForgery?: boolean;
  review?: ReviewStatus;
}

/**
 * Append a mask as the sample's next version (nothing is ever overwritten). Versions are allocated as
 * max+1 under the (sampleId, version) unique constraint, retrying when a concurrent writer took it.
 */
export async function addMaskVersion(db: Db | Prisma.TransactionClient, input: AddMaskVersionInput): Promise<Mask> {
  for (let attempt = 0; ; attempt++) {
    const last = await db.mask.findFirst({ where: { sampleId: input.sampleId }, orderBy: { version: 'desc' }, select: { version: true } });
    try {
      return await db.mask.create({
        data: {
          ...input,
          data: toDbBytes(input.data),
          version: (last?.version ?? 0) + 1,
        },
      });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
      // Someone else wrote the same version (or the same clientId: the caller handles that case).
      const target = (err as { meta?: { target?: unknown } }).meta?.target;
      if (String(target ?? '').includes('clientId')) throw err;
    }
  }
}
