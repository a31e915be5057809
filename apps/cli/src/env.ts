import { z } from 'zod';

export const cliEnvSchema = z.object({
  /** Web app port and bind address for `start`. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** First admin account; when unset on first start, admin@lae.local with a generated password (printed once). */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD needs at least 10 characters').optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Skip the production build step of `start` (when a deployment builds ahead of time). */
  LAE_SKIP_BUILD: z.stringbool().default(false),
  /** Start the demo project seed (set false for a bare install). */
  LAE_SEED_DEMO: z.stringbool().default(true),
});

export type CliEnv = z.infer<typeof cliEnvSchema>;

export function cliEnv(source: NodeJS.ProcessEnv = process.env): CliEnv {
  const parsed = cliEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The environment handed to child processes: ours, plus what `start` resolved. Never logged. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** https://no-color.org: any value disables colour. */
export function noColorRequested(source: NodeJS.ProcessEnv = process.env): boolean {
  return source.NO_COLOR !== undefined;
}
