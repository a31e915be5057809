import { TaskEditor } from '@/editor/components/task-editor';
import { requirePageUser } from '@/server/session';

export const dynamic = 'force-dynamic';

/** The mask editor, full screen. The client opens (leases or resumes) the task itself, so a reload resumes it. */
export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const { taskId } = await params;
  const user = await requirePageUser('annotator', `/work/tasks/${encodeURIComponent(taskId)}`);
  return <TaskEditor taskId={taskId} userId={user.id} />;
}
