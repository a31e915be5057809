import { z } from 'zod';
import { emailSchema } from '@lae-studio/db/schemas';
import { defineContract, id, noBody, timestamp } from './define-contract';

// /api/admin/users…: people, roles, accounts.

const role = z.enum(['admin', 'reviewer', 'annotator']);

export const listPeople = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({
    people: z.array(
      z.object({
        id,
        email: z.string(),
        name: z.string().nullable(),
        role,
        disabled: z.boolean(),
        createdAt: timestamp,
        masksInWindow: z.number(),
        perDay: z.number(),
        accepted: z.number(),
        rejected: z.number(),
        pending: z.number(),
        acceptanceRate: z.number().nullable(),
      }),
    ),
  }),
});

/** Create a user with a generated password, returned once in this response and never stored in clear. */
export const createUser = defineContract({
  method: 'POST',
  request: z.object({ email: emailSchema, name: z.string().trim().max(120).optional(), role }).strict(),
  response: z.object({ user: z.object({ id, email: z.string(), role }), password: z.string() }),
});

/** Set a role or disable/enable (at least one active admin always remains). */
export const updateUser = defineContract({
  method: 'PATCH',
  request: z
    .object({ role: role.optional(), disabled: z.boolean().optional() })
    .strict()
    .refine((v) => v.role !== undefined || v.disabled !== undefined, 'Give a role or disabled.'),
  response: z.object({ user: z.object({ id, email: z.string(), role, disabled: z.boolean() }) }),
});
