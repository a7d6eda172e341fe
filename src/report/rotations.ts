import type { Finding, Rotation } from '../types.ts';

/** Each leaked credential once, with where it was found first. */
export function rotations(findings: readonly Finding[]): Array<Rotation & { file: string; line: number }> {
  const byKey = new Map<string, Rotation & { file: string; line: number }>();
  for (const finding of findings) {
    if (finding.rotate && !byKey.has(finding.rotate.key))
      byKey.set(finding.rotate.key, { ...finding.rotate, file: finding.file, line: finding.line });
  }
  return [...byKey.values()];
}
