import { getDb, listProjects } from '@lae-studio/db';
import { requirePageUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export default async function AdminHome() {
  await requirePageUser('admin', '/admin');
  const projects = await listProjects(getDb());
  return (
    <>
      <h1>Projects</h1>
      {projects.length === 0 && <p className="muted">No projects yet.</p>}
      <div className="cards" data-testid="project-list">
        {projects.map((p) => (
          <section key={p.id} className="card">
            <h3>{p.name}</h3>
            <p className="muted" style={{ marginTop: 0 }}>
              {p.description}
            </p>
            <div className="stat">
              samples <b>{p.sampleCount}</b>
            </div>
            <div className="stat">
              rounds <b>{p.roundCount}</b>
            </div>
            <div className="stat">
              model versions <b>{p.modelCount}</b>
            </div>
            <div className="stat">
              strategy <b>{p.strategy}</b>
            </div>
            <div className="stat">
              mask budget <b>{(p.totalBudgetFraction * 100).toFixed(1)}% of training fakes</b>
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
