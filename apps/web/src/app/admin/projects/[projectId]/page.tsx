import Link from 'next/link';
import { ACTIVE_ROUND_STATUSES, getDb, getProjectOverview, listProjectMembers, listRounds } from '@lae-studio/db';
import { BudgetGauge } from '@/components/admin/budget-gauge';
import { LiveRefresh } from '@/components/admin/live-refresh';
import { NextStepCard } from '@/components/admin/next-step-card';
import { nextStep } from '@/server/admin/next-step';
import { adminProjectPage } from '@/server/admin/page';
import { pct } from '@/server/admin/format';

export const dynamic = 'force-dynamic';

const TASK_STATUSES = ['queued', 'leased', 'submitted', 'accepted', 'rejected', 'skipped', 'expired'];

export default async function ProjectOverviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project } = await adminProjectPage(params);
  const db = getDb();
  const [o, [latest], members] = await Promise.all([getProjectOverview(db, { projectId: project.id }), listRounds(db, { projectId: project.id, take: 1 }), listProjectMembers(db, { projectId: project.id })]);
  const active = !!latest && (ACTIVE_ROUND_STATUSES as readonly string[]).includes(latest.status);
  const step = nextStep({
    samples: o.samples.total,
    trainFakes: o.budget.trainFakes,
    members: members.length,
    openToAll: project.openToAllAnnotators,
    latest: latest ? { number: latest.number, status: latest.status, openTasks: latest.tasks.open } : null,
    promoted: project.promotedModelId !== null,
    nextRoundBudget: o.budget.nextRound,
  });
  const bySplit = (split: string, label: string) => o.samples.groups.filter((g) => g.split === split && g.label === label).reduce((n, g) => n + g.count, 0);
  return (
    <div data-testid="project-overview">
      <div className="row spread">
        <p className="muted">
          {project.description ? `${project.description} · ` : null}{project.imageSize}×{project.imageSize} · strategy <b>{project.strategy}</b> (diversity {project.diversityWeight}) · promotes on <b>{project.promotionMetric}</b>
        </p>
        <LiveRefresh active={active} seconds={3} />
      </div>
      <NextStepCard projectId={project.id} step={step} />
      {!project.openToAllAnnotators && members.length === 0 && step.key !== 'people' && (
        <p className="notice" data-testid="no-members">
          Only admins can annotate this project: <Link href={`/admin/projects/${project.id}/members`}>add members or open it to all annotators</Link>.
        </p>
      )}
      <h2>Masks collected against the budget</h2>
      <div className="card">
        <BudgetGauge share={o.budget.maskedShare} budget={project.totalBudgetFraction} masked={o.budget.masked} trainFakes={o.budget.trainFakes} open={o.budget.open} />
        <div className="stat">
          total budget <b>{o.budget.total} masks ({pct(project.totalBudgetFraction)})</b>
        </div>
        <div className="stat">
          next round asks for <b>{o.budget.nextRound}</b>
        </div>
        <div className="stat">
          latest round <b>{latest ? `#${latest.number} · ${latest.status}` : 'none yet'}</b>
        </div>
      </div>
      <div className="cards two">
        <section className="card">
          <h3>Samples ({o.samples.total})</h3>
          <table className="table" data-testid="samples-by-split">
            <thead>
              <tr>
                <th>split</th>
                <th>real</th>
                <th>fake</th>
              </tr>
            </thead>
            <tbody>
              {['train', 'val', 'test'].map((s) => (
                <tr key={s}>
                  <td>{s}</td>
                  <td>{bySplit(s, 'real')}</td>
                  <td>{bySplit(s, 'fake')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h3>Tasks by status</h3>
          <table className="table" data-testid="tasks-by-status">
            <tbody>
              {TASK_STATUSES.map((s) => (
                <tr key={s}>
                  <td>{s}</td>
                  <td>{o.tasksByStatus[s] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Masks: {o.masks.total - o.masks.reference} human/oracle ({o.masks.byReview.accepted ?? 0} accepted, {o.masks.byReview.pending ?? 0} pending, {o.masks.byReview.rejected ?? 0} rejected), {o.masks.reference} reference.
          </p>
        </section>
      </div>
      <h2>Samples by split, label and manipulation</h2>
      <table className="table" data-testid="samples-by-manipulation">
        <thead>
          <tr>
            <th>split</th>
            <th>label</th>
            <th>manipulation</th>
            <th>novelty</th>
            <th className="num">samples</th>
          </tr>
        </thead>
        <tbody>
          {o.samples.groups.map((g) => (
            <tr key={`${g.split}/${g.label}/${g.manipulation}/${g.novelty}`}>
              <td>{g.split}</td>
              <td>{g.label}</td>
              <td>{g.manipulation ?? '—'}</td>
              <td>{g.novelty}</td>
              <td className="num">{g.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
