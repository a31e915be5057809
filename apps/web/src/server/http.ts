import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { DomainError } from '@lae-studio/db';
import { fieldErrors } from '@/contracts/field-errors';

const MAX_JSON_BYTES = 64 * 1024;

/**
 * Parse a JSON body against a schema: a clear 400/413/415 on bad input, never a 500. `maxBytes` raises the
 * 64 KiB limit for the routes that carry a mask (a detailed 1024×1024 mask's RLE string can pass it).
 */
export async function parseJson<T extends z.ZodType>(
  req: Request,
  schema: T,
  maxBytes = MAX_JSON_BYTES,
): Promise<{ data: z.infer<T>; error?: never } | { data?: never; error: NextResponse }> {
  if (!req.headers.get('content-type')?.includes('application/json')) {
    return { error: NextResponse.json({ error: 'unsupported_media_type', message: 'Send application/json.' }, { status: 415 }) };
  }
  const tooLarge = () => ({ error: NextResponse.json({ error: 'too_large', message: `Body over ${maxBytes} bytes.` }, { status: 413 }) });
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) return tooLarge();
  const text = await req.text();
  if (text.length > maxBytes) return tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: NextResponse.json({ error: 'invalid_json', message: 'The body is not valid JSON.' }, { status: 400 }) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    // Plain sentences, one per field (the forms show them beside their fields), and the issues for programs.
    const { message, fields } = fieldErrors(parsed.error.issues);
    return { error: NextResponse.json({ error: 'invalid', message, fields, issues: parsed.error.issues }, { status: 400 }) };
  }
  return { data: parsed.data };
}

/** Map domain errors to statuses; anything else is rethrown (a real 500). */
export function domainErrorResponse(err: unknown): NextResponse {
  if (err instanceof DomainError) {
    const status = { not_found: 404, conflict: 409, invalid: 400, forbidden: 403 }[err.code];
    return NextResponse.json({ error: err.code, message: err.message }, { status });
  }
  throw err;
}

/**
 * A JSON answer shaped by the route's contract (apps/web/src/contracts): the body is parsed with the
 * response schema, so a handler can neither drift from its clients nor leak a field the contract omits.
 */
export function respond<T extends z.ZodType>(schema: T, body: z.input<T>, init?: ResponseInit): NextResponse {
  return NextResponse.json(schema.parse(body), init);
}
