import { checkbox, confirm, input, number, select } from '@inquirer/prompts';
import pc from 'picocolors';
import { Changeset, diskReader } from '../engine/changeset.ts';
import { displayDiff, unifiedDiff } from '../engine/diff.ts';
import type { FixGroup } from '../engine/fixes.ts';
import { answerProblem, planTransform, resolveAnswers, type TransformFailure } from '../engine/run-transform.ts';
import type { Answers, Question, Transform } from '../engine/transform-types.ts';
import { TRANSFORMS } from '../registry.ts';
import type { Project } from '../project/types.ts';
import { rotations } from '../report/rotations.ts';
import type { Finding } from '../types.ts';

export interface WizardInput {
  project: Project;
  findings: readonly Finding[];
  groups: readonly FixGroup[];
  cliOptions: Answers;
  color: boolean;
  write: (text: string) => void;
}

export interface WizardResult {
  changeset: Changeset;
  failures: TransformFailure[];
  applied: string[];
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
    return (await number({ message: question.message, default: Number(current), required: true, step: question.integer ? 1 : 'any', min: question.min, max: question.max, validate }))!;
  }
  return input({ message: question.message, default: String(current) });
}

/** Findings by category, a choice of fixes, their questions, then each diff to accept or skip. Writes nothing. */
export async function runWizard({ project, findings, groups, cliOptions, color, write }: WizardInput): Promise<WizardResult> {
  write(summariseByCategory(findings, color));
  const leaked = rotations(findings);
  if (leaked.length > 0) {
    const colors = pc.createColors(color);
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
  const result: WizardResult = { changeset: accepted, failures: [], applied: [] };
  for (const group of chosen) {
    const { changeset, failures } = await planTransform(project, group.transform, group.findings, answers.get(group.transform.meta.id)!, accepted);
    result.failures.push(...failures);
    const changes = changeset.changes();
    write(`\n${pc.createColors(color).bold(group.transform.meta.title)}\n`);
    if (changes.length === 0 && changeset.followUps.length === 0) {
      write('  nothing to change\n');
      continue;
    }
    if (changes.length > 0) write(displayDiff(unifiedDiff(changes), color));
    for (const followUp of changeset.followUps) write(`  then: ${followUp.message}\n`);
    if (await confirm({ message: 'Apply this fix?', default: true })) {
      accepted.merge(changeset);
      result.applied.push(group.transform.meta.id);
    }
  }
  return result;
}
