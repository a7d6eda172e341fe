import type { ScanResult } from '../engine/scan.ts';
import type { Project } from '../project/types.ts';
import type { Check } from '../types.ts';

export interface ReportInput {
  project: Project;
  result: ScanResult;
  /** The checks that ran, for SARIF's rule list. */
  checks: readonly Check[];
  /** Findings hidden by a baseline. */
  baselined: number;
  version: string;
}
