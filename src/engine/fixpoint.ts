import path from 'node:path';
import { isEnvFileName, isEnvTemplate, parseEnvVariables } from '../project/env-files.ts';
import { hasBinaryExtension, isInSkippedDir, withFileOverlay } from '../project/files.ts';
import { detectPackages } from '../project/packages.ts';
import { gitignoreMatcher } from '../project/tree-walk.ts';
import { ignoredByConfigOf } from '../project/load-project.ts';
import type { EnvFile, Project } from '../project/types.ts';
import type { Check, Finding } from '../types.ts';
import { Changeset, diskReader } from './changeset.ts';
import { groupFixes, type FixGroup } from './fixes.ts';
import { planTransform, type TransformFailure } from './run-transform.ts';
import { scan, type ScanResult } from './scan.ts';
import type { Answers, Transform } from './transform-types.ts';
import type { HeldBack, TypeGate } from './type-gate.ts';

/** As ESLint's multipass `--fix`: enough for chains of fixes that uncover one another, and a bound on a bug. */
export const MAX_FIX_PASSES = 10;

/** The project as it would be with the changes applied: its file list, env files and package manifests. */
export function overlayProject(project: Project, changeset: Changeset): Project {
  const changes = changeset.changes();
  if (changes.length === 0) return project;
  const files = new Set(project.files);
  const created: string[] = [];
  for (const change of changes) {
    if (change.after === null) files.delete(change.path);
    else if (!files.has(change.path) && !isInSkippedDir(change.path) && !hasBinaryExtension(change.path)) created.push(change.path);
  }
  const ignored = plannedIgnoreRules(project, changeset, [...files, ...created]);
  for (const file of created) if (!ignored(file)) files.add(file);
  const envFiles = new Map<string, EnvFile>(project.envFiles.map((env) => [env.path, env]));
  for (const change of changes) {
    if (!isEnvFileName(change.path)) continue;
    if (change.after === null) {
      envFiles.delete(change.path);
      continue;
    }
    const known = envFiles.get(change.path);
    envFiles.set(change.path, {
      path: change.path,
      variables: parseEnvVariables(change.after),
      tracked: known?.tracked ?? false,
      ignored: known?.ignored ?? !isEnvTemplate(change.path),
    });
  }
  const fileList = [...files].sort();
  const packages = withFileOverlay(overlayReader(project.root, changeset), () =>
    detectPackages(project.root, fileList, project.git.topLevel),
  );
  return { ...project, files: fileList, envFiles: [...envFiles.values()].sort((a, b) => a.path.localeCompare(b.path)), packages };
}

/**
 * What a listing of the changed project would leave out of a file the changes create, as loading it
 * from disk would: the config's `ignore` globs, and the `.gitignore` files as planned (a migration
 * written under an ignored `prisma/migrations/` is no part of the project, then or after the write).
 */
function plannedIgnoreRules(project: Project, changeset: Changeset, files: readonly string[]): (file: string) => boolean {
  const byConfig = ignoredByConfigOf(project.config);
  const gitignores = files
    .filter((file) => file === '.gitignore' || file.endsWith('/.gitignore'))
    .flatMap((file) => {
      const text = changeset.read(file);
      const dir = path.posix.dirname(file);
      return text === null ? [] : [{ dir: dir === '.' ? '' : dir, text }];
    });
  const byGitignore = gitignoreMatcher(gitignores);
  return (file) => byConfig(file) || byGitignore(file);
}

function overlayReader(root: string, changeset: Changeset) {
  const planned = new Map(changeset.changes().map((change) => [path.join(root, change.path), change.after]));
  return (absPath: string) => planned.get(absPath);
}

/** Scans the project as the changeset would leave it, reading the planned files from memory. */
export async function scanOverlay(
  project: Project,
  changeset: Changeset,
  checks: readonly Check[],
): Promise<{ project: Project; result: ScanResult }> {
  const overlaid = overlayProject(project, changeset);
  // Worker threads would read the disk: the overlay lives in this thread.
  const result = await withFileOverlay(overlayReader(project.root, changeset), () => scan(overlaid, { checks, workers: 0 }));
  return { project: overlaid, result };
}

export interface PlanFixesInput {
  project: Project;
  checks: readonly Check[];
  /** Which fixes to plan, in every pass. */
  select: (group: FixGroup) => boolean;
  answers: (transform: Transform) => Answers;
  /** Changes already accepted, planned on top of. */
  base?: Changeset;
  /** The scan of `base`, when the caller has it. */
  initial?: ScanResult;
  typeGate?: TypeGate | null;
  maxPasses?: number;
  /** The fixes that answer findings; the registry's by default. */
  groupFindings?: (findings: readonly Finding[]) => FixGroup[];
}

export interface FixPlan {
  changeset: Changeset;
  failures: TransformFailure[];
  heldBack: HeldBack[];
  passes: number;
  /** The last pass still planned something new: more passes might plan more. */
  capped: boolean;
  /** The findings before and after the planned changes. */
  before: Finding[];
  after: Finding[];
}

/** Two fixes that keep undoing each other: a bug in shipshape, reported rather than looped on. */
export class FixConflictError extends Error {}

/**
 * Plans the selected fixes, re-scans the planned result in memory, and plans again until a pass plans
 * nothing new. Within a pass, a fix whose findings lie in a file an earlier fix of the pass changed
 * waits for the re-scan: its findings may no longer hold.
 */
export async function planFixes(input: PlanFixesInput): Promise<FixPlan> {
  const maxPasses = input.maxPasses ?? MAX_FIX_PASSES;
  const changeset = input.base ?? new Changeset(diskReader(input.project.root));
  const failures = new Map<string, TransformFailure>();
  const heldBack = new Map<string, HeldBack>();
  const seen = new Map<string, Set<string | null>>();
  let { project, result } =
    input.initial && changeset.changes().length === 0
      ? { project: input.project, result: input.initial }
      : await scanOverlay(input.project, changeset, input.checks);
  const before = result.findings;
  let passes = 0;
  let capped = false;
  for (;;) {
    const pass = new Changeset((file) => changeset.read(file));
    const touched = new Set<string>();
    for (const group of (input.groupFindings ?? groupFixes)(result.findings).filter(input.select)) {
      if (group.findings.some((finding) => touched.has(finding.file))) continue;
      const planned = await planTransform(project, group.transform, group.findings, input.answers(group.transform), pass);
      for (const failure of planned.failures) failures.set(`${failure.file}\0${failure.reason}`, failure);
      if (input.typeGate) {
        for (const held of await input.typeGate.holdBack(group.transform, planned.changeset, pass))
          heldBack.set(`${held.transform}\0${held.file}`, held);
      }
      for (const change of planned.changeset.changes()) touched.add(change.path);
      pass.merge(planned.changeset);
    }
    const changes = pass.changes();
    for (const followUp of pass.followUps) changeset.followUp(followUp);
    if (changes.length === 0) break;
    if (passes === maxPasses) {
      capped = true;
      break;
    }
    passes++;
    for (const change of changes) {
      const states = seen.get(change.path) ?? new Set([change.before]);
      if (states.has(change.after)) {
        throw new FixConflictError(`fixes undo each other in ${change.path}: pass ${passes} returns it to an earlier content`);
      }
      states.add(change.after);
      seen.set(change.path, states);
    }
    changeset.merge(pass);
    ({ project, result } = await scanOverlay(input.project, changeset, input.checks));
  }
  return { changeset, failures: [...failures.values()], heldBack: [...heldBack.values()], passes, capped, before, after: result.findings };
}
