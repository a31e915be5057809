import type { ReactNode } from 'react';
import { ProjectTabs } from '@/components/admin/project-tabs';
import { adminProjectPage } from '@/server/admin/page';

export const dynamic = 'force-dynamic';

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { project } = await adminProjectPage(params);
  return (
    <>
      <div className="project-head">
        <h1 data-testid="project-name">{project.name}</h1>
        <span className="badge">{project.slug}</span>
      </div>
      <ProjectTabs projectId={project.id} />
      {children}
    </>
  );
}
