import Link from 'next/link';
import { getDb, listProjects } from '@lae-studio/db';
import { GettingStarted } from '@/components/admin/next-step-card';
import { ProjectForm } from '@/components/admin/project-form';
import { pct } from '@/server/admin/format';
import { requirePageUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export default async function AdminHome() {
  await requirePageUser('admin', '/admin');
  const projects = await listProjects(getDb());
  return (
    <>
      <h1>Projects</h1>
      {/* Until some project has run a round, the walk-through: each project's Overview then says what it needs next. */}
      {projects.every((p) => p.roundCount === 0) && <GettingStarted done={projects.length === 0 ? 0 : projects.some((p) => p.sampleCount > 0) ? 2 : 1} />}
      {projects.length === 0 && <p className="muted">No projects yet: create the first one below.</p>}
      <div className="cards" data-testid="project-list">
        {projects.map((p) => (
          <section key={p.id} className="card">
            <h3>
              <Link href={`/admin/projects/${p.id}`}>{p.name}</Link>
            </h3>
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
              mask budget <b>{pct(p.totalBudgetFraction)} of training fakes</b>
            </div>
          </section>
        ))}
      </div>
      <h2>New project</h2>
      <div className="card">
        <ProjectForm
          initial={{
            name: '',
            slug: '',
            description: '',
            imageSize: 64,
            strategy: 'margin',
            diversityWeight: 0.5,
            roundBudgetFraction: 0.005,
            totalBudgetFraction: 0.03,
            retrainSchedule: null,
            promotionMetric: 'unseen_accuracy',
            promoteAboveChanceOnly: true,
            leaseTtlSeconds: 900,
            modelConfig: {},
          }}
        />
      </div>
    </>
  );
}
