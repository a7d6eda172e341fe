import type { ScanResult } from '../engine/scan.ts';
import type { Project } from '../project/types.ts';
import type { CheckInfo, Finding } from '../types.ts';
import type { SarifFix } from './sarif-fixes.ts';

export interface ReportInput {
  project: Project;
  result: ScanResult;
  /** The checks that ran, for SARIF's rule list. */
  checks: readonly CheckInfo[];
  /** Findings hidden by a baseline. */
  baselined: number;
  version: string;
  /** SARIF `automationDetails.id`, so several runs in one repository keep their own alerts. */
  sarifCategory?: string;
  /** The change a safe fix would make, by finding, for SARIF. */
  fixes?: ReadonlyMap<Finding, SarifFix>;
  /** With `--changed-since` or `--staged`: findings left out because no changed file is part of them. */
  outsideChange?: number;
}
