import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';

/**
 * parseJson (server/http.ts) with a larger body limit, for the routes that carry a mask: a detailed
 * 1024×1024 mask's RLE string can pass parseJson's 64 KiB. Same statuses: 415, 413, 400.
 */
export async function parseLargeJson<T extends z.ZodType>(
  req: Request,
  schema: T,
  maxBytes: number,
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
    return { error: NextResponse.json({ error: 'invalid', message: z.prettifyError(parsed.error), issues: parsed.error.issues }, { status: 400 }) };
  }
  return { data: parsed.data };
}
