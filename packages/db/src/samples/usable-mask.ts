import type { Prisma } from '../generated/prisma/client.ts';

/**
 * The masks that count — for training, the budget and exports: collected (not reference ground truth),
 * neither rejected nor superseded by a reviewer's correction (the correction itself counts). One
 * definition, so that every count agrees.
 */
export const USABLE_MASK = { reference: false, review: { in: ['pending', 'accepted'] } } as const satisfies Prisma.MaskWhereInput;
