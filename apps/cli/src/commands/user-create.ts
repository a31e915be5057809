import { generatePassword, hashPassword, passwordSchema, ROLES, type Role } from '@lae-studio/auth';
import { createDb, createUser, DomainError, emailSchema } from '@lae-studio/db';
import { fail, say } from '../output.ts';
import { platformServices } from '../platform.ts';

export async function userCreate(opts: { email: string; role: string; name?: string; password?: string }): Promise<void> {
  const email = emailSchema.safeParse(opts.email);
  if (!email.success) fail(`"${opts.email}" is not a valid email address.`);
  if (!(ROLES as readonly string[]).includes(opts.role)) fail(`--role must be one of ${ROLES.join(', ')}.`);
  const password = opts.password ?? generatePassword();
  const pw = passwordSchema.safeParse(password);
  if (!pw.success) fail(pw.error.issues[0]?.message ?? 'invalid password');

  const services = await platformServices();
  const db = createDb(services.databaseUrl, 1);
  try {
    const user = await createUser(db, { email: email.data, role: opts.role as Role, name: opts.name, passwordHash: await hashPassword(password) });
    say('user', `created ${user.email} (${user.role})`);
    if (!opts.password) say('user', `password (shown once): ${password}`);
  } catch (err) {
    if (err instanceof DomainError) fail(err.message);
    throw err;
  } finally {
    await db.$disconnect();
    await services.stop();
  }
}
