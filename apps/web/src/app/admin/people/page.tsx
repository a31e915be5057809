import { getDb, listPeople } from '@lae-studio/db';
import { CreateUserForm, PersonControls } from '@/components/admin/people-forms';
import { requirePageUser } from '@/server/session';
import { pct, when } from '@/server/admin/format';

export const dynamic = 'force-dynamic';

export default async function PeoplePage() {
  const me = await requirePageUser('admin', '/admin/people');
  const people = await listPeople(getDb(), { windowDays: 7 });
  return (
    <>
      <h1>People</h1>
      <CreateUserForm />
      <h2>Everyone</h2>
      <table className="table" data-testid="people">
        <thead>
          <tr>
            <th>email</th>
            <th>role / status</th>
            <th className="num">masks (7 days)</th>
            <th className="num">per day</th>
            <th className="num">accepted / rejected / pending</th>
            <th className="num">acceptance</th>
            <th>since</th>
          </tr>
        </thead>
        <tbody>
          {people.map((u) => (
            <tr key={u.id} className={u.disabled ? 'disabled' : undefined} data-testid={`person-${u.email}`}>
              <td>
                {u.email}
                {u.name ? <div className="muted small">{u.name}</div> : null}
                {u.disabled && <span className="badge">disabled</span>}
              </td>
              <td>
                <PersonControls userId={u.id} role={u.role} disabled={u.disabled} self={u.id === me.id} />
              </td>
              <td className="num">{u.masksInWindow}</td>
              <td className="num">{u.perDay.toFixed(1)}</td>
              <td className="num">
                {u.accepted} / {u.rejected} / {u.pending}
              </td>
              <td className="num">{pct(u.acceptanceRate)}</td>
              <td className="small">{when(u.createdAt).slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
