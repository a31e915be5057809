import { redirect } from 'next/navigation';
import { currentUser } from '@/server/session';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';

function safeCallback(url: string | undefined): string {
  // Only same-site paths: an open redirect after sign-in is a phishing aid.
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (await currentUser()) redirect(target);
  return (
    <div className="center">
      <div className="card signin">
        <div className="brand">
          LAE Studio<small>forgery masks · active learning</small>
        </div>
        <SignInForm callbackUrl={target} />
      </div>
    </div>
  );
}
