import type { Prisma } from '../generated/prisma/client.ts';

/**
 * The masks that count — for training, the budget and exports: collected (not reference ground truth) and
 * not rejected by a reviewer. One definition, so that every count agrees.
 */
export const USABLE_MASK = { reference: false, review: { not: 'rejected' } } as const satisfies Prisma.MaskWhereInput;
