type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The client's address as the Next.js server (or a trusted proxy in front of it) reports it. */
export function clientIp(headers: HeaderBag): string {
  const forwarded = header(headers, 'x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || header(headers, 'x-real-ip') || 'unknown';
}
