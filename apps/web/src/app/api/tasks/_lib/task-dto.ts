import 'server-only';
import type { TaskView } from '@lae-studio/db';
import type { TaskDto } from '@/contracts/tasks';

/** The database's task view in the contract's wire form. */
export function toTaskDto(view: TaskView): TaskDto {
  return { ...view, leaseExpiresAt: view.leaseExpiresAt?.toISOString() ?? null };
}
