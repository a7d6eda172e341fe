import { createHash } from 'node:crypto';
import { redact } from '../report/redact.ts';

/**
 * Stable across edits elsewhere in the file: rule, file and the normalised text of the line,
 * plus the occurrence number among identical lines.
 */
export function fingerprint(ruleId: string, file: string, lineText: string, occurrence: number, secrets: readonly string[] = []): string {
  const normalised = redact(lineText, secrets).trim().replace(/\s+/g, ' ');
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalised}\0${occurrence}`).digest('hex').slice(0, 32);
}
