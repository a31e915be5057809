import { CronExpressionParser } from 'cron-parser';

/** A retrain schedule: "every 6h" / "every 30m" / "every 45s", or a 5/6-field cron pattern. */
export type Schedule = { every: number } | { pattern: string };

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MIN_INTERVAL_MS = 5_000;

/** Parse and validate a schedule string; throws an Error with a clear message when it is neither form. */
export function parseSchedule(text: string): Schedule {
  const t = text.trim();
  const every = /^every\s+(\d+)\s*([smhd])$/i.exec(t);
  if (every) {
    const ms = Number(every[1]) * UNIT_MS[every[2]!.toLowerCase() as keyof typeof UNIT_MS];
    if (ms < MIN_INTERVAL_MS) throw new Error(`schedule "${t}": the interval must be at least ${MIN_INTERVAL_MS / 1000} s`);
    return { every: ms };
  }
  try {
    CronExpressionParser.parse(t);
  } catch (err) {
    throw new Error(`schedule "${t}" is neither "every <n><s|m|h|d>" nor a cron pattern: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { pattern: t };
}
