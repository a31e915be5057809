'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import type { Contract, ResponseBody } from '@/contracts/define-contract';
import { fieldErrors, type FieldErrors } from '@/contracts/field-errors';

/**
 * Call an admin route by its contract: the body is checked against the request schema before it is sent,
 * the answer parsed with the response schema; shows the server's message on 4xx/5xx and refreshes the page
 * on success. Problems with a field (the client's own check or the server's `fields`) are kept by field name
 * for `<FieldError>` to show beside it, in the same plain sentences (contracts/field-errors.ts).
 */
export function useJsonAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  /** Show problems found before sending (a form's own checks); null clears them. */
  function setProblems(p: { message: string; fields: FieldErrors } | null) {
    setError(p?.message ?? null);
    setFields(p?.fields ?? {});
  }
  async function run<C extends Contract>(contract: C, url: string, body: unknown = {}): Promise<ResponseBody<C> | null> {
    setProblems(null);
    const request = contract.request.safeParse(body);
    if (!request.success) {
      setProblems(fieldErrors(request.error.issues));
      return null;
    }
    setBusy(true);
    try {
      // The body as given (not the parsed one): the server applies the defaults itself.
      const res = await fetch(url, { method: contract.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json().catch(() => ({}))) as unknown;
      if (!res.ok) {
        const answer = json as { message?: string; fields?: FieldErrors };
        setProblems({ message: answer.message ?? `Request failed (${res.status}).`, fields: answer.fields ?? {} });
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
  return { run, busy, error, setError, fields, setProblems };
}

/** A field's problem, shown beside it (the input names it with aria-describedby="<id>-error"). */
export function FieldError({ id, name, fields }: { id: string; name: string; fields: FieldErrors }) {
  const text = fields[name];
  return text ? (
    <span className="field-error" id={`${id}-error`} role="alert" data-testid={`field-error-${name}`}>
      {text}
    </span>
  ) : null;
}

/** Props that mark an input invalid when its field has a problem. */
export function invalidProps(id: string, name: string, fields: FieldErrors) {
  return fields[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="status" data-testid="action-error">
      {error}
    </p>
  ) : null;
}
