import { HttpSession } from '@lae-studio/auth/http-session';
import { PASSWORD, USERS } from '../users.ts';

/** Signed-in sessions for the admin tests (each from its own IP so the per-IP limit never interferes). */
export async function signedIn(baseUrl: string, who: keyof typeof USERS, ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`): Promise<HttpSession> {
  const s = new HttpSession(baseUrl);
  const err = await s.signIn(USERS[who].email, PASSWORD, ip);
  if (err) throw new Error(`sign-in as ${who} failed: ${err}`);
  return s;
}

export function json(body: unknown): RequestInit {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
