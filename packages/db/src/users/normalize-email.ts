import { z } from 'zod';

export const emailSchema = z.email().max(254).transform((e) => e.trim().toLowerCase());

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
