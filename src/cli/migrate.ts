import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import { applyWithJournal, ignoreStateDir } from '../engine/apply.ts';
import { Changeset, diskReader } from '../engine/changeset.ts';
import { printableDiff, unifiedDiff } from '../engine/diff.ts';
import { nextApps } from '../analysis/next-routes.ts';
import { planTransform } from '../engine/run-transform.ts';
import { resolveAnswers } from '../engine/answers.ts';
import { scan } from '../engine/scan.ts';
import { findCheck, loadTransform } from '../registry.ts';
import type { Finding } from '../types.ts';
import { renderApplySummary } from './apply-summary.ts';
import { EXIT, assertCleanTree, colorEnabled, createLogger, load } from './common.ts';
import { knownCheckIds } from './list.ts';
import { canAsk, io } from './io.ts';

interface MigrateFlags {
  dryRun?: boolean;
  yes?: boolean;
  routes?: string;
  keepPagesShell?: boolean;
  allowDirty?: boolean;
  force?: boolean;
  quiet?: boolean;
}

const PREFLIGHT = ['app-router-unsupported-feature', 'route-conflict', 'next-router-in-app-dir', 'next-navigation-in-pages'];

const where = (finding: Finding) => `${finding.file}:${finding.line}`;

/** An `_app` `getInitialProps` that only reads the request's headers and cookies moves to the root layout: it blocks nothing. */
async function withoutMovableInitialProps(root: string, blockers: Finding[]): Promise<Finding[]> {
  if (!blockers.some((f) => f.messageId === 'appGetInitialProps')) return blockers;
  const [{ default: jscodeshift }, { initialPropsMove }] = await Promise.all([
    import('jscodeshift'),
    import('../../transforms/app-router/lib/app/initial-props.ts'),
  ]);
  const j = jscodeshift.withParser('tsx');
  return blockers.filter(
    (f) => f.messageId !== 'appGetInitialProps' || !initialPropsMove(j, readFileSync(path.join(root, f.file), 'utf8')),
  );
}

export function registerMigrate(program: Command, setExit: (code: number) => void): void {
  const migrate = program.command('migrate').description('move an app to a newer framework API');
  migrate
    .command('app-router')
    .description('move a Next.js app from pages/ to the App Router (app/)')
    .argument('[dir]', 'the app to migrate', '.')
    .option('--dry-run', 'print the diff (moves, edits, creates and deletes); write nothing')
    .option('--yes', 'apply without asking (needed when not on a terminal)')
    .option('--routes <glob>', 'migrate only the routes or files this glob matches (comma-separated), e.g. "/blog/**"')
    .option('--keep-pages-shell', 'keep pages/_app and pages/_document while anything (an API route, say) stays in pages/')
    .option('--allow-dirty', 'run even when the git tree has uncommitted changes')
    .option(
      '--force',
      'migrate even when the app uses what the App Router does not support (i18n, a custom server, getInitialProps in _app, AMP)',
    )
    .option('--quiet', 'no log lines on stderr')
    .action(async (dir: string, flags: MigrateFlags) => {
      const logger = createLogger(Boolean(flags.quiet));
      if (!flags.dryRun && !flags.yes && !canAsk()) {
        throw new UsageError(
          'migrate needs --yes or --dry-run when it cannot ask',
          'run `shipshape migrate app-router --dry-run` to see the changes, then `--yes` to apply them',
        );
      }
      const project = load(dir, await knownCheckIds());
      const apps = nextApps(project);
      if (!apps.some((app) => app.pages)) {
        if (apps.some((app) => app.app)) {
          io().stdout.write('Nothing to migrate: the app has no pages/ directory left.\n');
          setExit(EXIT.ok);
          return;
        }
        throw new UsageError(
          `${dir} has no Next.js pages/ directory to migrate`,
          'point it at the folder of a Next.js app that uses the Pages Router',
        );
      }
      const checks = PREFLIGHT.map((id) => findCheck(id)!);
      const { findings } = await scan(project, { checks });
      const blockers = await withoutMovableInitialProps(
        project.root,
        findings.filter((f) => f.ruleId === 'app-router-unsupported-feature'),
      );
      if (blockers.length > 0 && !flags.force) {
        for (const blocker of blockers) logger.warn(`${where(blocker)}  ${blocker.message}`);
        throw new UsageError(
          `the App Router does not support what this app uses (${blockers.length} finding(s) above): migrating would silently drop it`,
          'replace those features first, or pass --force to migrate anyway',
        );
      }
      for (const finding of findings.filter((f) => f.ruleId !== 'app-router-unsupported-feature'))
        logger.info(`before: ${where(finding)}  ${finding.message}`);

      const transform = (await loadTransform('migrate-app-router'))!;
      const cliOptions = { routes: flags.routes ?? '', keepPagesShell: Boolean(flags.keepPagesShell), force: Boolean(flags.force) };
      const changeset = new Changeset(diskReader(project.root));
      const planned = await planTransform(project, transform, findings, resolveAnswers(transform, cliOptions, {}), changeset);
      const failure = planned.failures[0];
      if (failure) {
        // Nothing was planned: the migration stops on the first file it cannot convert, and names it.
        const named = failure.file !== transform.meta.id;
        // --force already leaves pages that cannot move in pages/: what still fails is a module they share (a component).
        const hint = flags.force
          ? 'change that construct by hand (or move the file out of the way) and run the migration again'
          : 'pass --force to migrate the rest and leave it in pages/ with a TODO(shipshape) (both routers run side by side)';
        if (named && !failure.internal) throw new UsageError(`cannot migrate ${failure.file}: ${failure.reason}`, hint);
        io().stderr.write(
          `shipshape: internal error: ${named ? `${failure.file}: ` : ''}${failure.reason}; nothing was written\nhint: ${named ? `${hint}, and ` : ''}report it with \`--debug\`\n`,
        );
        setExit(EXIT.internal);
        return;
      }
      changeset.merge(planned.changeset);
      const changes = changeset.changes();
      const followUps = changeset.followUps;
      const renames = changeset.renames();
      const color = colorEnabled(io().stdout);

      if (flags.dryRun) {
        const printable = printableDiff(unifiedDiff(changes, renames));
        io().stdout.write(printable.text);
        io().stderr.write(renderApplySummary(changes, followUps, [], null, colorEnabled(io().stderr)));
        setExit(EXIT.ok);
        return;
      }
      if (changes.length === 0) {
        io().stdout.write(
          `Nothing to migrate: no page is left in pages/ that can move.\n${renderApplySummary([], followUps, [], null, color)}`,
        );
        setExit(EXIT.ok);
        return;
      }
      assertCleanTree(project.root, Boolean(flags.allowDirty), logger);
      if (!flags.yes) {
        const { confirm } = await import('@inquirer/prompts');
        io().stdout.write(renderApplySummary(changes, followUps, [], null, color));
        if (!(await confirm({ message: `Migrate ${renames.size} file(s) to app/?`, default: true }))) {
          logger.info('nothing was written');
          setExit(EXIT.ok);
          return;
        }
      }
      ignoreStateDir(changeset);
      const applied = changeset.changes();
      const journal = applyWithJournal(project.root, applied, 'migrate app-router');
      const moves = [...renames].map(([to, from]) => `  moved ${from} → ${to}`);
      io().stdout.write(
        `${moves.length > 0 ? `moved: ${moves.length} file(s)\n${moves.join('\n')}\n` : ''}${renderApplySummary(applied, followUps, [], journal, color)}`,
      );
      setExit(EXIT.ok);
    });
}
