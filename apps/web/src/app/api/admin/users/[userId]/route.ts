import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb, updatePerson } from '@lae-studio/db';
import { parseJson } from '@/server/http';
import { adminRoute, notFound, parseIds } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

const patchSchema = z
  .object({ role: z.enum(['admin', 'reviewer', 'annotator']).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined, 'Give a role or disabled.');

/** Set a role or disable/enable; updatePerson keeps at least one active admin and audits the change. */
export async function PATCH(req: Request, { params }: { params: Promise<{ userId: string }> }) {
  return adminRoute(async (user) => {
    const ids = await parseIds(params);
    if (!ids) return notFound('No such user.');
    const body = await parseJson(req, patchSchema);
    if (body.error) return body.error;
    return NextResponse.json({ user: await updatePerson(getDb(), { userId: ids.userId, ...body.data, actorId: user.id }) });
  });
}
