import { getDb, listProjectMembers } from '@lae-studio/db';
import { AddMemberForm, OpenToAllSwitch, RemoveMemberButton } from '@/components/admin/member-forms';
import { adminProjectPage } from '@/server/admin/page';

export const dynamic = 'force-dynamic';

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project } = await adminProjectPage(params, '/members');
  const members = await listProjectMembers(getDb(), { projectId: project.id });
  return (
    <>
      <h2>Members</h2>
      <OpenToAllSwitch projectId={project.id} open={project.openToAllAnnotators} />
      <h3>People on this project</h3>
      <table className="table" data-testid="members">
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>Added</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No members yet{project.openToAllAnnotators ? '.' : ': only admins can work on this project until you add someone.'}
              </td>
            </tr>
          )}
          {members.map((m) => (
            <tr key={m.userId} data-testid="member">
              <td>
                {m.email}
                {m.disabled && <span className="badge">disabled</span>}
              </td>
              <td>{m.role}</td>
              <td>{m.addedAt.toISOString().slice(0, 10)}</td>
              <td>
                <RemoveMemberButton projectId={project.id} userId={m.userId} email={m.email} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddMemberForm projectId={project.id} />
    </>
  );
}
