import { createHash } from 'node:crypto';
import { redact } from '../secrets/redact.ts';

/**
 * Stable across edits elsewhere in the file: rule, file and the normalised text of the line,
 * plus the occurrence number among identical lines.
 */
export function fingerprint(ruleId: string, file: string, lineText: string, occurrence: number, secrets: readonly string[] = []): string {
  return lineFingerprints(ruleId, file, lineText, secrets)(occurrence);
}

/** One line's fingerprints by occurrence: the line is hashed once, however many findings stand on it. */
export function lineFingerprints(
  ruleId: string,
  file: string,
  lineText: string,
  secrets: readonly string[] = [],
): (occurrence: number) => string {
  const normalised = redact(lineText, secrets).trim().replace(/\s+/g, ' ');
  const line = createHash('sha256').update(`${ruleId}\0${file}\0${normalised}\0`);
  return (occurrence) => line.copy().update(String(occurrence)).digest('hex').slice(0, 32);
}
