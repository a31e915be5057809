import { NextResponse, type NextRequest } from 'next/server';

/**
 * Malformed percent-encoding in a dynamic segment (e.g. `/api/tasks/%_`) makes Next.js fail while decoding
 * route params and answer 500. Refuse such paths up front with a clear 400.
 */
export function proxy(request: NextRequest) {
  try {
    for (const segment of request.nextUrl.pathname.split('/')) decodeURIComponent(segment);
  } catch {
    return NextResponse.json({ error: 'bad_path', message: 'The path has malformed percent-encoding.' }, { status: 400 });
  }
  return NextResponse.next();
}

export const config = { matcher: ['/api/:path*', '/admin/:path*', '/work/:path*', '/review/:path*'] };
