import { SEVERITIES } from '../types.ts';
import { countBySeverity } from './severity-counts.ts';
import type { ReportInput } from './types.ts';

/** `3 findings (1 critical, …) · 12 files scanned · …`, without the duration, for reports that must not change between runs. */
export function summaryParts({ result, baselined, outsideChange }: ReportInput): string[] {
  const counts = countBySeverity(result.findings);
  const total = result.findings.length;
  const parts = [
    `${total} finding${total === 1 ? '' : 's'} (${SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ')})`,
    `${result.files} files scanned`,
  ];
  if (result.skipped.length > 0) parts.push(`${result.skipped.length} skipped`);
  if (result.suppressed > 0) parts.push(`${result.suppressed} suppressed`);
  if (baselined > 0) parts.push(`${baselined} in baseline`);
  if (outsideChange !== undefined) parts.push(`${outsideChange} outside the change hidden`);
  return parts;
}

export function summaryLine(input: ReportInput): string {
  return `shipshape: ${summaryParts(input).join(' · ')}`;
}
