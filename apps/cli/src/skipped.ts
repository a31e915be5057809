import type { ImportIssue } from '@lae-studio/datasets';
import { table } from './progress.ts';

/** What an import skipped and why, one row a file (the first 50; the rest counted). */
export function printSkipped(issues: readonly ImportIssue[]): void {
  if (!issues.length) return;
  console.log('\nSkipped:');
  console.log(table(issues.slice(0, 50).map((i) => ({ path: i.path, problem: i.code, detail: i.message.slice(0, 80) }))));
  if (issues.length > 50) console.log(`… and ${issues.length - 50} more`);
}
