import { z } from 'zod';

export const webEnvSchema = z.object({
  /** Signs session tokens. `npm start` generates one under .data/ when unset; production must set it. */
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters'),
  /** Public base URL of the web app (e.g. https://lae.example.org). */
  NEXTAUTH_URL: z.url().optional(),
  /** Session lifetime in seconds (default 8 h: one working day). */
  LAE_SESSION_MAX_AGE: z.coerce.number().int().min(60).max(30 * 86_400).default(8 * 3600),
  /** Sign-in limits: failed attempts per account+IP, attempts per IP, window in seconds. */
  LAE_SIGNIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LAE_SIGNIN_MAX_PER_IP: z.coerce.number().int().min(1).default(30),
  LAE_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Largest file one browser upload may be, in GB (default 20: FaceForensics++ c23 videos of one method fit). */
  LAE_UPLOAD_MAX_GB: z.coerce.number().positive().max(10_000).default(20),
});

export type WebEnv = z.infer<typeof webEnvSchema>;

let cached: WebEnv | undefined;

/** Validated on first use (not at import), so `next build` does not need runtime secrets. */
export function webEnv(): WebEnv {
  if (cached) return cached;
  const parsed = webEnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid web configuration: ${z.prettifyError(parsed.error)}`);
  cached = parsed.data;
  return cached;
}

export const webServerEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Web server processes sharing the port (node:cluster). One Node process uses one core. */
  LAE_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
});

/** Configuration of the production server process (apps/web/server.ts), apart from the app's own. */
export function serverEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = webServerEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid web server configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
