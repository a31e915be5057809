'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** POST/PATCH JSON to an admin route; shows the server's message on 4xx/5xx and refreshes the page on success. */
export function useJsonAction<T = unknown>() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(url: string, method: 'POST' | 'PATCH', body: unknown = {}): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json().catch(() => ({}))) as { message?: string };
      if (!res.ok) {
        setError(json.message ?? `Request failed (${res.status}).`);
        return null;
      }
      router.refresh();
      return json as T;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error, setError };
}

export function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="status" data-testid="action-error">
      {error}
    </p>
  ) : null;
}
