import * as contract from '@/contracts/users';
import { generatePassword, hashPassword } from '@lae-studio/auth';
import { createUser, getDb, listPeople } from '@lae-studio/db';
import { parseJson } from '@/server/http';
import { adminRoute, respond } from '@/server/admin/api';

export const dynamic = 'force-dynamic';

export async function GET() {
  return adminRoute(async () => respond(contract.listPeople, { people: await listPeople(getDb()) }));
}

/** Create a user with a generated password, returned once in this response and never stored in clear. */
export async function POST(req: Request) {
  return adminRoute(async (user) => {
    const body = await parseJson(req, contract.createUser.request);
    if (body.error) return body.error;
    const password = generatePassword();
    const created = await createUser(getDb(), { email: body.data.email, role: body.data.role, name: body.data.name, passwordHash: await hashPassword(password), actorId: user.id });
    return respond(contract.createUser, { user: { id: created.id, email: created.email, role: created.role }, password }, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
