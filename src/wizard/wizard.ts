import { checkbox, confirm, input, number, select } from '@inquirer/prompts';
import { pc } from '../engine/picocolors.ts';
import { Changeset, diskReader, type FileChange } from '../engine/changeset.ts';
import { displayDiff, unifiedDiff } from '../engine/diff.ts';
import { groupFixes, type FixGroup } from '../engine/fixes.ts';
import { planFixes, scanOverlay, type FixPlan } from '../engine/fixpoint.ts';
import { planTransform, type TransformFailure } from '../engine/run-transform.ts';
import { answerProblem, resolveAnswers } from '../engine/answers.ts';
import type { ScanResult } from '../engine/scan.ts';
import type { Answers, Question, Transform } from '../engine/transform-types.ts';
import type { HeldBack, TypeGate } from '../engine/type-gate.ts';
import { TRANSFORMS } from '../all-transforms.ts';
import type { Project } from '../project/types.ts';
import { rotations } from '../report/rotations.ts';
import type { Check, Finding } from '../types.ts';

export interface WizardInput {
  project: Project;
  checks: readonly Check[];
  scanned: ScanResult;
  groups: readonly FixGroup[];
  cliOptions: Answers;
  color: boolean;
  typeGate: TypeGate | null;
  write: (text: string) => void;
}

function summariseByCategory(findings: readonly Finding[], color: boolean): string {
  const colors = pc.createColors(color);
  const byCategory = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byCategory.get(finding.category);
    if (list) list.push(finding);
    else byCategory.set(finding.category, [finding]);
  }
  const lines = [colors.bold(`${findings.length} finding(s):`)];
  for (const [category, list] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const fixable = list.filter((f) => f.fix).length;
    lines.push(`  ${category.padEnd(14)} ${String(list.length).padStart(4)}  ${colors.dim(`(${fixable} fixable)`)}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** Improvements no finding asks for, offered when they apply and no group already holds them. */
function offeredTransforms(project: Project, groups: readonly FixGroup[]): Transform[] {
  return TRANSFORMS.filter((transform) => transform.meta.offer?.(project) && !groups.some((group) => group.transform === transform));
}

async function ask(question: Question, current: string | number | boolean): Promise<string | number | boolean> {
  if (question.type === 'boolean') return confirm({ message: question.message, default: Boolean(current) });
  if (question.choices) return select({ message: question.message, choices: question.choices, default: String(current) });
  if (question.type === 'number') {
    const validate = (value: number | undefined) => (value === undefined ? 'enter a number' : (answerProblem(question, value) ?? true));
    return (await number({
      message: question.message,
      default: Number(current),
      required: true,
      step: question.integer ? 1 : 'any',
      min: question.min,
      max: question.max,
      validate,
    }))!;
  }
  return input({ message: question.message, default: String(current) });
}

/**
 * Findings by category, a choice of fixes, their questions, then each diff to accept or skip; then what
 * the accepted fixes uncovered, planned with the same answers, as one more diff. Writes nothing.
 */
export async function runWizard({ project, checks, scanned, groups, cliOptions, color, typeGate, write }: WizardInput): Promise<FixPlan> {
  const colors = pc.createColors(color);
  const findings = scanned.findings;
  write(summariseByCategory(findings, color));
  const leaked = rotations(findings);
  if (leaked.length > 0) {
    write(`${colors.bold(colors.red(`Keys to rotate (${leaked.length})`))}: fixing the code does not take a leaked key back.\n`);
    for (const key of leaked) write(`  ${colors.bold(key.key)}  ${key.why}\n`);
    write('\n');
  }
  const chosen = await checkbox({
    message: 'Which fixes should shipshape prepare?',
    choices: [
      ...groups.map((group) => ({
        name: `${group.transform.meta.title} (${group.findings.length} finding(s))${group.transform.meta.safe ? '' : ' [review]'}`,
        value: group,
        checked: group.transform.meta.safe,
        description: group.transform.meta.description,
      })),
      ...offeredTransforms(project, groups).map((transform) => ({
        name: `${transform.meta.title} (optional)`,
        value: { transform, findings: [] } as FixGroup,
        checked: false,
        description: transform.meta.description,
      })),
    ],
    pageSize: 12,
  });

  const answers = new Map<string, Answers>();
  const asked = new Map<string, string | number | boolean>();
  for (const group of chosen) {
    const resolved = resolveAnswers(group.transform, cliOptions, project.config.answers);
    for (const question of group.transform.meta.questions ?? []) {
      if (question.name in cliOptions && !question.wizardOnly) continue;
      if (!asked.has(question.name)) asked.set(question.name, await ask(question, resolved[question.name]!));
      resolved[question.name] = asked.get(question.name)!;
    }
    answers.set(group.transform.meta.id, resolved);
  }

  const accepted = new Changeset(diskReader(project.root));
  const failures: TransformFailure[] = [];
  const heldBack: HeldBack[] = [];
  const applied = new Set<string>();
  const touched = new Set<string>();
  for (const group of chosen) {
    // A fix accepted above may have changed the files this one's findings are in: plan from a re-scan of them.
    let planning = { project, findings: group.findings };
    if (group.findings.some((finding) => touched.has(finding.file))) {
      const rescanned = await scanOverlay(project, accepted, checks);
      const fresh = groupFixes(rescanned.result.findings).find((other) => other.transform === group.transform);
      planning = { project: rescanned.project, findings: fresh?.findings ?? [] };
    }
    const { changeset, failures: failed } = await planTransform(
      planning.project,
      group.transform,
      planning.findings,
      answers.get(group.transform.meta.id)!,
      accepted,
    );
    failures.push(...failed);
    const changes = changeset.changes();
    write(`\n${colors.bold(group.transform.meta.title)}\n`);
    if (changes.length === 0 && changeset.followUps.length === 0) {
      write('  nothing to change\n');
      continue;
    }
    if (changes.length > 0) write(displayDiff(unifiedDiff(changes), color));
    for (const followUp of changeset.followUps) write(`  then: ${followUp.message}\n`);
    const held = typeGate ? await typeGate.check(group.transform, changeset, accepted) : [];
    writeHeld(held, color, write);
    const message = held.length > 0 ? 'This fix adds a TypeScript error. Apply it anyway?' : 'Apply this fix?';
    if (await confirm({ message, default: held.length === 0 })) {
      accepted.merge(changeset);
      applied.add(group.transform.meta.id);
      for (const change of changes) touched.add(change.path);
    } else {
      heldBack.push(...held);
    }
  }

  // What the accepted fixes uncovered: the same fixes again, and safe fixes that were not on the list.
  const listed = new Set(chosen.map((group) => group.transform.meta.id).concat(groups.map((group) => group.transform.meta.id)));
  const trial = new Changeset(diskReader(project.root));
  trial.merge(accepted);
  const followUp = await planFixes({
    project,
    checks,
    base: trial,
    select: (group) => applied.has(group.transform.meta.id) || (!listed.has(group.transform.meta.id) && group.transform.meta.safe),
    answers: (transform) => answers.get(transform.meta.id) ?? resolveAnswers(transform, cliOptions, project.config.answers),
    typeGate,
  });
  const uncovered: FileChange[] = trial
    .changes()
    .filter((change) => accepted.read(change.path) !== change.after)
    .map((change) => ({ path: change.path, before: accepted.read(change.path), after: change.after }));
  let result = accepted;
  let after = followUp.after;
  if (uncovered.length > 0) {
    write(`\n${colors.bold('What the accepted fixes uncovered')}\n`);
    write(displayDiff(unifiedDiff(uncovered), color));
    writeHeld(followUp.heldBack, color, write);
    if (await confirm({ message: 'Apply these follow-up changes too?', default: true })) {
      result = trial;
      failures.push(...followUp.failures);
      heldBack.push(...followUp.heldBack);
    } else {
      after = (await scanOverlay(project, accepted, checks)).result.findings;
    }
  }
  return { changeset: result, failures, heldBack, passes: followUp.passes + 1, capped: followUp.capped, before: findings, after };
}

function writeHeld(held: readonly HeldBack[], color: boolean, write: (text: string) => void): void {
  const colors = pc.createColors(color);
  for (const { file, errors } of held) {
    write(`${colors.yellow(`  adds a TypeScript error in ${file}:`)}\n`);
    for (const error of errors) write(`    ${error}\n`);
  }
}
