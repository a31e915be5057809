import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export interface AuditEventInput {
  action: string;
  actorId?: string | null;
  actorEmail?: string | null;
  projectId?: string | null;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
}

/** Append one event to the audit trail (the table refuses updates and deletes). */
export async function recordAuditEvent(db: Db | Prisma.TransactionClient, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({ data: event });
}
