import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth-options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth reads the options per request so that configuration is validated at run time, not build time.
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
