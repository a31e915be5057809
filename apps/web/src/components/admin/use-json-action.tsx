'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import type { Contract, ResponseBody } from '@/contracts/define-contract';

/**
 * Call an admin route by its contract: the body is checked against the request schema before it is sent,
 * the answer parsed with the response schema; shows the server's message on 4xx/5xx and refreshes the page
 * on success.
 */
export function useJsonAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<C extends Contract>(contract: C, url: string, body: unknown = {}): Promise<ResponseBody<C> | null> {
    setError(null);
    const request = contract.request.safeParse(body);
    if (!request.success) {
      setError(z.prettifyError(request.error));
      return null;
    }
    setBusy(true);
    try {
      // The body as given (not the parsed one): the server applies the defaults itself.
      const res = await fetch(url, { method: contract.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json().catch(() => ({}))) as unknown;
      if (!res.ok) {
        setError((json as { message?: string }).message ?? `Request failed (${res.status}).`);
        return null;
      }
      const response = contract.response.safeParse(json);
      if (!response.success) {
        setError(`Unexpected answer from ${url}: ${z.prettifyError(response.error)}`);
        return null;
      }
      router.refresh();
      return response.data as ResponseBody<C>;
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
