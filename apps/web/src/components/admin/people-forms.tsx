'use client';
import { useState, type FormEvent } from 'react';
import { createUser, updateUser } from '@/contracts/users';
import { ErrorLine, FieldError, invalidProps, useJsonAction } from './use-json-action';

/** Create a user; the generated password is shown once, here, and never again. */
export function CreateUserForm() {
  const { run, busy, error, fields } = useJsonAction();
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const res = await run(createUser, '/api/admin/users', { email: String(f.get('email')), name: String(f.get('name') ?? '') || undefined, role: String(f.get('role')) });
    if (res) {
      setCreated({ email: res.user.email, password: res.password });
      form.reset();
    }
  }
  return (
    <form className="card" onSubmit={submit} data-testid="create-user-form">
      <h3>Add a person</h3>
      <div className="inline">
        <div>
          <label htmlFor="u-email">Email</label>
          <input id="u-email" name="email" {...invalidProps('u-email', 'email', fields)} type="email" required />
          <FieldError id="u-email" name="email" fields={fields} />
        </div>
        <div>
          <label htmlFor="u-name">Name</label>
          <input id="u-name" name="name" {...invalidProps('u-name', 'name', fields)} maxLength={120} />
          <FieldError id="u-name" name="name" fields={fields} />
        </div>
        <div>
          <label htmlFor="u-role">Role</label>
          <select id="u-role" name="role" {...invalidProps('u-role', 'role', fields)} defaultValue="annotator">
            <option>annotator</option>
            <option>reviewer</option>
            <option>admin</option>
          </select>
          <FieldError id="u-role" name="role" fields={fields} />
        </div>
      </div>
      <div className="row">
        <button type="submit" disabled={busy}>
          Create user
        </button>
      </div>
      <ErrorLine error={error} />
      {created && (
        <p className="notice" data-testid="generated-password">
          {created.email} can sign in with <code>{created.password}</code> — shown once; copy it now. <CopyButton text={created.password} />
        </p>
      )}
    </form>
  );
}

/** Copies `text` to the clipboard and says so (or says to select it by hand when the browser refuses). */
function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="secondary small"
      data-testid="copy-password"
      onClick={() =>
        navigator.clipboard?.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        ) ?? setState('failed')
      }
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select it' : 'Copy password'}
    </button>
  );
}

export function PersonControls({ userId, role, disabled, self }: { userId: string; role: string; disabled: boolean; self: boolean }) {
  const { run, busy, error } = useJsonAction();
  return (
    <div className="row tight">
      <select aria-label="Role" defaultValue={role} disabled={busy} onChange={(e) => void run(updateUser, `/api/admin/users/${userId}`, { role: e.target.value })}>
        <option>annotator</option>
        <option>reviewer</option>
        <option>admin</option>
      </select>
      <button type="button" className="secondary small" disabled={busy} title={self ? 'Another admin must do this' : undefined} onClick={() => run(updateUser, `/api/admin/users/${userId}`, { disabled: !disabled })}>
        {disabled ? 'Enable' : 'Disable'}
      </button>
      <ErrorLine error={error} />
    </div>
  );
}
