import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import { applyWithJournal, ignoreStateDir } from '../engine/apply.ts';
import { printableDiff, unifiedDiff } from '../engine/diff.ts';
import { generatorFindings, groupFixes, type FixGroup } from '../engine/fixes.ts';
import { MAX_FIX_PASSES, planFixes, type FixPlan } from '../engine/fixpoint.ts';
import { optionQuestions, resolveAnswers } from '../engine/answers.ts';
import { TRANSFORMS } from '../all-transforms.ts';
import { CHECKS, CHECK_IDS } from '../registry.ts';
import { scan } from '../engine/scan.ts';
import { createTypeGate } from '../engine/type-gate.ts';
import { renderApplySummary } from './apply-summary.ts';
import {
  EXIT,
  assertCleanTree,
  collect,
  colorEnabled,
  createLogger,
  emit,
  load,
  parseOptionPairs,
  selectChecks,
  splitList,
} from './common.ts';
import { canAsk, io } from './io.ts';

interface FixFlags {
  yes?: boolean;
  dryRun?: boolean;
  patch?: string;
  all?: boolean;
  only?: string[];
  skip?: string[];
  allowDirty?: boolean;
  option?: string[];
  quiet?: boolean;
  color?: boolean;
}

export function registerFix(program: Command, setExit: (code: number) => void): void {
  program
    .command('fix')
    .description('fix the findings: an interactive wizard on a terminal, or --yes / --dry-run / --patch in scripts')
    .argument('[dir]', 'the app to fix', '.')
    .option('--yes', 'no prompts: take every default and apply every fix marked safe')
    .option('--dry-run', 'print one unified diff of everything that would change; write nothing')
    .option('--patch <file>', 'write that diff to a file instead of applying it')
    .option('--all', 'with --yes, --dry-run or --patch: include the fixes that need review, not only the safe ones')
    .option('--only <ids>', 'fix only these checks or categories (comma-separated, repeatable)', collect)
    .option('--skip <ids>', 'leave these checks or categories alone (comma-separated, repeatable)', collect)
    .option('--allow-dirty', 'run even when the git tree has uncommitted changes')
    .option('--option <key=value>', "answer a fix's question, e.g. --option pageSize=100 (repeatable)", collect)
    .option('--quiet', 'no log lines on stderr')
    .option('--no-color', 'no colour, even on a terminal')
    .action(async (dir: string, flags: FixFlags) => {
      const logger = createLogger(Boolean(flags.quiet));
      const checks = selectChecks(CHECKS, splitList(flags.only), splitList(flags.skip));
      const cliOptions = parseOptionPairs(flags.option, optionQuestions(TRANSFORMS));
      const scripted = Boolean(flags.yes || flags.dryRun || flags.patch);
      const interactive = !scripted && canAsk();
      if (!scripted && !interactive) {
        throw new UsageError('the fix wizard needs a terminal', 'in scripts and CI pass --yes, --dry-run or --patch <file>');
      }
      const project = load(dir, CHECK_IDS);
      const result = await scan(project, { checks });
      const groups = groupFixes(result.findings);
      const generated = generatorFindings(result.findings);
      for (const [command, count] of generated)
        logger.info(`${count} finding(s) are fixed by generated files, not by \`fix\`: run \`${command}\``);
      const color = flags.color !== false && colorEnabled(io().stdout);
      if (groups.length === 0) {
        const byHand = result.findings.length - [...generated.values()].reduce((a, b) => a + b, 0);
        if (result.findings.length === 0) logger.info('Nothing to fix: no findings.');
        else if (byHand > 0) logger.info(`Nothing to fix automatically: ${byHand} finding(s) need a fix by hand (see \`shipshape scan\`).`);
        setExit(EXIT.ok);
        return;
      }
      // The wizard asks first and writes after, so it checks the tree before asking anything.
      if (interactive) assertCleanTree(project.root, Boolean(flags.allowDirty), logger);
      const typeGate = await createTypeGate(project);
      if (typeGate.skipped) logger.info(`type gate skipped: ${typeGate.skipped}`);

      let plan: FixPlan;
      if (interactive) {
        const { runWizard } = await import('../wizard/wizard.ts');
        plan = await runWizard({
          project,
          checks,
          scanned: result,
          groups,
          cliOptions,
          color,
          typeGate: typeGate.gate,
          write: (text) => void io().stdout.write(text),
        });
      } else {
        const select = (group: FixGroup) => Boolean(flags.all || group.transform.meta.safe);
        for (const group of groups.filter((g) => !select(g))) {
          logger.info(
            `not applied without review: ${group.transform.meta.id} (${group.findings.length} finding(s)); add --all or run the wizard`,
          );
        }
        plan = await planFixes({
          project,
          checks,
          select,
          answers: (transform) => resolveAnswers(transform, cliOptions, project.config.answers),
          initial: result,
          typeGate: typeGate.gate,
        });
      }
      if (plan.capped)
        logger.warn(
          `fixes still planned changes after ${MAX_FIX_PASSES} passes; what the last pass planned is left out: run \`shipshape fix\` again`,
        );
      const { changeset, failures } = plan;
      const outcome = { before: plan.before, after: plan.after, heldBack: plan.heldBack };
      const exitCode = failures.some((failure) => failure.internal) ? EXIT.internal : EXIT.ok;

      const changes = changeset.changes();
      if (flags.dryRun || flags.patch) {
        const diff = unifiedDiff(changes, changeset.renames());
        if (flags.patch) {
          emit(diff, flags.patch);
        } else {
          const printable = printableDiff(diff);
          emit(printable.text);
          if (printable.masked)
            logger.warn('secrets in the diff are masked, so those hunks will not apply; `--patch <file>` writes the exact patch to a file');
        }
        if (flags.patch)
          logger.info(`wrote a patch of ${changes.length} file(s) to ${flags.patch}; apply it with \`git apply ${flags.patch}\``);
        io().stderr.write(renderApplySummary([], changeset.followUps, failures, null, colorEnabled(io().stderr), outcome));
        setExit(exitCode);
        return;
      }
      if (changes.length === 0) {
        io().stdout.write(`No changes to apply.\n${renderApplySummary([], changeset.followUps, failures, null, color, outcome)}`);
        setExit(exitCode);
        return;
      }
      if (!interactive) assertCleanTree(project.root, Boolean(flags.allowDirty), logger);
      ignoreStateDir(changeset);
      const applied = changeset.changes();
      const journal = applyWithJournal(project.root, applied, `fix${flags.yes ? ' --yes' : ''}`);
      io().stdout.write(renderApplySummary(applied, changeset.followUps, failures, journal, color, outcome));
      setExit(exitCode);
    });
}
