import { NextResponse } from 'next/server';
import { z } from 'zod';
import { generatePassword, hashPassword } from '@lae-studio/auth';
import { createUser, emailSchema, getDb, listPeople } from '@lae-studio/db';
import { parseJson } from '@/server/http';
import { adminRoute } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

const createSchema = z.object({ email: emailSchema, name: z.string().trim().max(120).optional(), role: z.enum(['admin', 'reviewer', 'annotator']) }).strict();

export async function GET() {
  return adminRoute(async () => NextResponse.json({ people: await listPeople(getDb()) }));
}

/** Create a user with a generated password, returned once in this response and never stored in clear. */
export async function POST(req: Request) {
  return adminRoute(async (user) => {
    const body = await parseJson(req, createSchema);
    if (body.error) return body.error;
    const password = generatePassword();
    const created = await createUser(getDb(), { email: body.data.email, role: body.data.role, name: body.data.name, passwordHash: await hashPassword(password), actorId: user.id });
    return NextResponse.json({ user: { id: created.id, email: created.email, role: created.role }, password }, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
