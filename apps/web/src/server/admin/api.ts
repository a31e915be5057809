import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { findProject as findProjectById, getDb, recordAuditEvent, type AuditEventInput } from '@lae-studio/db';
import { domainErrorResponse } from '@/server/http';
import { requireApiUser, type SessionUser } from '@/server/session';
import { clientIp } from '@/server/client-ip';
import type { Contract, ResponseInput } from '@/contracts/define-contract';
import type { FieldErrors } from '@/contracts/field-errors';

/** Ids as the database makes them (cuid) and as BullMQ job ids: a strict charset, so nothing odd reaches a query. */
export const idSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/);

/**
 * Every admin route handler runs through this: admin role first (401/403 JSON), then the handler, with
 * domain errors mapped to 4xx. Anything else is a real 500.
 */
export async function adminRoute(handler: (user: SessionUser) => Promise<Response>): Promise<Response> {
  const { user, error } = await requireApiUser('admin');
  if (error) return error;
  try {
    return await handler(user);
  } catch (err) {
    return domainErrorResponse(err);
  }
}

/** Send a contract's response: the body must be what the contract's response schema accepts. */
export function respond<C extends Contract>(_contract: C, body: ResponseInput<C>, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}

export function notFound(message: string): NextResponse {
  return NextResponse.json({ error: 'not_found', message }, { status: 404 });
}

/** A 400 with a sentence, and (for a form) the same problem filed under the field it is about. */
export function badRequest(message: string, fields?: FieldErrors): NextResponse {
  return NextResponse.json({ error: 'invalid', message, ...(fields && { fields }) }, { status: 400 });
}

/** Parse route params; a malformed id is simply "not found". */
export async function parseIds<K extends string>(params: Promise<Record<K, string>>): Promise<Record<K, string> | null> {
  const p = await params;
  return Object.values(p).every((v) => idSchema.safeParse(v).success) ? p : null;
}

/** The project a route's [projectId] names, or null (→ 404) when the id is malformed or unknown. */
export async function projectOf(params: Promise<{ projectId: string }>) {
  const ids = await parseIds(params);
  return ids && (await findProject(ids.projectId));
}

/** The project, or null (→ 404) when it does not exist. */
export async function findProject(projectId: string) {
  return findProjectById(getDb(), { projectId });
}

/** Audit an admin action with who and from where. */
export async function audit(req: Request, user: SessionUser, event: Omit<AuditEventInput, 'actorId' | 'actorEmail' | 'ip'>): Promise<void> {
  await recordAuditEvent(getDb(), { ...event, actorId: user.id, actorEmail: user.email, ip: clientIp(req.headers) });
}
