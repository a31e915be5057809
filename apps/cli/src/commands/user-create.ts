import { generatePassword, hashPassword, passwordSchema, ROLES, type Role } from '@lae-studio/auth';
import { createUser, emailSchema } from '@lae-studio/db';
import { fail, say } from '../output.ts';
import { withPlatform } from '../with-platform.ts';

export async function userCreate(opts: { email: string; role: string; name?: string; password?: string }): Promise<void> {
  const email = emailSchema.safeParse(opts.email);
  if (!email.success) fail(`"${opts.email}" is not a valid email address.`);
  if (!(ROLES as readonly string[]).includes(opts.role)) fail(`--role must be one of ${ROLES.join(', ')}.`);
  const password = opts.password ?? generatePassword();
  const pw = passwordSchema.safeParse(password);
  if (!pw.success) fail(pw.error.issues[0]?.message ?? 'invalid password');

  await withPlatform(async ({ db }) => {
    const user = await createUser(db, { email: email.data, role: opts.role as Role, name: opts.name, passwordHash: await hashPassword(password) });
    say('user', `created ${user.email} (${user.role})`);
    if (!opts.password) say('user', `password (shown once): ${password}`);
  });
}
