import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import type { Finding } from '../types.ts';

export interface Baseline {
  version: 1;
  findings: Array<{ fingerprint: string; ruleId: string; file: string }>;
}

export function createBaseline(findings: readonly Finding[]): string {
  const baseline: Baseline = {
    version: 1,
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file })),
  };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code}`,
      'create one with `shipshape scan --write-baseline <file>`',
    );
  }
  let parsed: Partial<Baseline>;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `baseline ${file} is not valid JSON: ${(error as Error).message}`,
      'recreate it with `shipshape scan --write-baseline <file>`',
    );
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.findings) || parsed.findings.some((f) => typeof f?.fingerprint !== 'string')) {
    throw new UsageError(`${file} is not a shipshape baseline`, 'recreate it with `shipshape scan --write-baseline <file>`');
  }
  return new Set(parsed.findings.map((f) => f.fingerprint));
}
