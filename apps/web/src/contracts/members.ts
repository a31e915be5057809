import { z } from 'zod';
import { emailSchema } from '@lae-studio/db/schemas';
import { defineContract, id, noBody, timestamp } from './define-contract';

// /api/admin/projects/[projectId]/members…: who may work on a members-only project besides admins.

const member = z.object({ userId: id, email: z.string(), role: z.enum(['admin', 'reviewer', 'annotator']), disabled: z.boolean(), addedAt: timestamp });

export const listMembers = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({ members: z.array(member), openToAllAnnotators: z.boolean() }),
});

/** Add an existing account by email (idempotent: `added` is false when they already were a member). */
export const addMember = defineContract({
  method: 'POST',
  request: z.object({ email: emailSchema }).strict(),
  response: z.object({ member, added: z.boolean() }),
});

/** Remove a member (idempotent). */
export const removeMember = defineContract({ method: 'DELETE', request: noBody, response: z.object({ removed: z.boolean() }) });
