import type { z } from 'zod';
import { jsonObjectSchema, parseJsonColumn, type JsonObject } from '../models/model-json.ts';

/**
 * AuditEvent.data: what an action recorded beside its target (its shape is the action's: `{ email, role }` for
 * user.create, `{ number, trigger, budget }` for round.open, ...), kept whole; null when the action recorded
 * nothing (a sign-in, a member removed).
 */
export const auditDataSchema = jsonObjectSchema;
export type AuditData = z.infer<typeof auditDataSchema>;

export const parseAuditData = (value: unknown, auditEventId: bigint | string): JsonObject | null => parseJsonColumn(auditDataSchema, value, `AuditEvent ${auditEventId} data`);
