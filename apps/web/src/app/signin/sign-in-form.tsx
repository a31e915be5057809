'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';

function describe(error: string): string {
  if (error.startsWith('RateLimited')) {
    const seconds = Number(error.split(':')[1] ?? 0);
    return `Too many attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`;
  }
  if (error === 'CredentialsSignin') return 'Wrong email or password.';
  return 'Sign-in failed. Try again.';
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirect: false, callbackUrl });
    setBusy(false);
    if (!res || res.error) {
      setError(describe(res?.error ?? 'unknown'));
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <form onSubmit={onSubmit} aria-label="Sign in">
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <div style={{ marginTop: 16 }}>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
    </form>
  );
}
