'use client';
import { type FormEvent } from 'react';
import { addMember, removeMember } from '@/contracts/members';
import { updateProject } from '@/contracts/projects';
import { ErrorLine, FieldError, invalidProps, useJsonAction } from './use-json-action';

/** Add an existing account to the project by email. */
export function AddMemberForm({ projectId }: { projectId: string }) {
  const { run, busy, error, fields } = useJsonAction();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    if (await run(addMember, `/api/admin/projects/${projectId}/members`, { email: String(new FormData(form).get('email')) })) form.reset();
  }
  return (
    <form className="card" onSubmit={submit} data-testid="add-member-form">
      <h3>Add a member</h3>
      <div className="inline">
        <div>
          <label htmlFor="m-email">Email of an existing account</label>
          <input id="m-email" name="email" {...invalidProps('m-email', 'email', fields)} type="email" required placeholder="annotator@example.org" />
          <FieldError id="m-email" name="email" fields={fields} />
        </div>
      </div>
      <div className="row">
        <button type="submit" disabled={busy}>
          Add to project
        </button>
      </div>
      <ErrorLine error={error} />
    </form>
  );
}

export function RemoveMemberButton({ projectId, userId, email }: { projectId: string; userId: string; email: string }) {
  const { run, busy, error } = useJsonAction();
  return (
    <>
      <button type="button" className="secondary small" disabled={busy} aria-label={`Remove ${email}`} onClick={() => run(removeMember, `/api/admin/projects/${projectId}/members/${userId}`)}>
        Remove
      </button>
      <ErrorLine error={error} />
    </>
  );
}

/** The project's access switch: members only (the default) or every annotator and reviewer. */
export function OpenToAllSwitch({ projectId, open }: { projectId: string; open: boolean }) {
  const { run, busy, error } = useJsonAction();
  return (
    <div className="card" data-testid="access-switch">
      <label className="check">
        <input type="checkbox" checked={open} disabled={busy} onChange={(e) => void run(updateProject, `/api/admin/projects/${projectId}`, { openToAllAnnotators: e.target.checked })} />
        Open to all annotators and reviewers
      </label>
      <p className="muted">{open ? 'Anyone with an account can annotate and review this project; the member list below is not needed.' : 'Only the members below (and admins) see this project, lease its tasks and review its masks.'}</p>
      <ErrorLine error={error} />
    </div>
  );
}
