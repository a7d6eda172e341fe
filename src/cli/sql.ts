import type { Command } from 'commander';
import path from 'node:path';
import { UsageError, errorMessage } from '../errors.ts';
import { applyWithJournal, ignoreStateDir } from '../engine/apply.ts';
import { Changeset, diskReader } from '../engine/changeset.ts';
import { newFileStyle } from '../engine/project-style.ts';
import { collectColumnUses } from '../sql/code-facts.ts';
import { detectLayout, generate, type Generation } from '../sql/generate.ts';
import { introspect } from '../sql/introspect.ts';
import { loadSchemas, replayProblemsAffecting } from '../sql/load-schema.ts';
import type { SchemaModel } from '../sql/model.ts';
import { ACCESS_MODES, accessQuestion, decideTables, type AccessMode, type TableDecision } from '../sql/plan.ts';
import { qualifiedName } from '../sql/model.ts';
import { quoteIdentifier } from '../sql/names.ts';
import type { LayoutKind } from '../sql/render.ts';
import { loadSqlParser } from '../sql/sql-reader.ts';
import { backendOf } from '../sql/rate-limits-table.ts';
import { scan } from '../engine/scan.ts';
import { CHECK_IDS, checksFixedBy } from '../registry.ts';
import { byPackage, packageFor } from '../project/package-for.ts';
import type { Project } from '../project/types.ts';
import { DatabaseTimeout, openPostgres, type Database, type Timeouts } from '../verify/database.ts';
import { renderApplySummary } from './apply-summary.ts';
import { EXIT, assertCleanTree, collect, colorEnabled, createLogger, load, splitOptionPairs } from './common.ts';
import { canAsk, io } from './io.ts';
import type { Finding } from '../types.ts';

interface SqlFlags {
  layout?: string;
  out?: string;
  only?: string;
  name?: string;
  dryRun?: boolean;
  yes?: boolean;
  databaseUrl?: string;
  allowDirty?: boolean;
  option?: string[];
  quiet?: boolean;
  color?: boolean;
}

const LAYOUTS = ['supabase', 'prisma', 'plain'];
const PARTS = ['rls', 'constraints', 'indexes'];

function validate(flags: SqlFlags): { layout?: LayoutKind; only?: 'rls' | 'constraints' | 'indexes'; name: string } {
  if (flags.layout && !LAYOUTS.includes(flags.layout))
    throw new UsageError(`unknown layout "${flags.layout}"`, 'use --layout supabase, prisma or plain');
  if (flags.only && !PARTS.includes(flags.only))
    throw new UsageError(`unknown part "${flags.only}"`, 'use --only rls, constraints or indexes');
  const name = flags.name ?? 'shipshape';
  if (!/^[a-z0-9][a-z0-9_]{0,40}$/.test(name))
    throw new UsageError(`invalid migration name "${name}"`, 'use lower-case letters, digits and underscores, e.g. --name secure_tables');
  return { layout: flags.layout as LayoutKind | undefined, only: flags.only as 'rls' | 'constraints' | 'indexes' | undefined, name };
}

/** A URL is never printed in full: its password stays out of logs. */
/** A statement on one line, cut short, for a message. */
function oneLine(statement: string): string {
  const flat = statement.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the database URL';
  }
}

/** A timeout, a refused connection or a failed login is a problem with --database-url: exit 2, naming the host, never the password. */
export function databaseUsageError(error: unknown): Error {
  if (error instanceof UsageError) return error;
  if (error instanceof DatabaseTimeout) {
    return new UsageError(
      error.message,
      'check --database-url: its host and port must reach a PostgreSQL server that answers (a firewall that drops packets holds a connection open), and nothing may hold a lock the statement waits for',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Opens --database-url; any failure to connect is the input's. */
export async function connectDatabase(url: string, timeouts?: Timeouts): Promise<Database> {
  try {
    return await openPostgres(url, timeouts);
  } catch (error) {
    const mapped = databaseUsageError(error);
    throw mapped instanceof UsageError
      ? mapped
      : new UsageError(
          `cannot connect to ${describeUrl(url)}: ${errorMessage(error)}`,
          'check --database-url (postgres://user:password@host:5432/db) and that the server is up',
        );
  }
}

async function liveSchema(url: string): Promise<SchemaModel> {
  const db = await connectDatabase(url);
  try {
    return await introspect(db, describeUrl(url));
  } catch (error) {
    throw databaseUsageError(error);
  } finally {
    await db.close();
  }
}

/**
 * The `--option` answers, checked against the questions `sql` asks (one per table, `access.<table>`):
 * an unknown key or a value outside the question's choices is a usage error that names it.
 */
export function accessAnswers(pairs: Record<string, string>, decisions: readonly TableDecision[]): Record<string, AccessMode> {
  const questions = new Map(decisions.map((d) => [accessQuestion(d).name, accessQuestion(d)]));
  const answers: Record<string, AccessMode> = {};
  for (const [key, value] of Object.entries(pairs)) {
    const question = questions.get(key);
    if (!question) {
      const known = [...questions.keys()];
      throw new UsageError(
        `unknown option "${key}" for sql`,
        known.length > 0
          ? `sql takes ${known.slice(0, 6).join(', ')}${known.length > 6 ? ', …' : ''} (=${ACCESS_MODES.join('|')})`
          : 'sql asks no question for this schema',
      );
    }
    if (!question.choices!.some((c) => c.value === value)) {
      throw new UsageError(
        `option ${key} must be one of ${question.choices!.map((c) => `"${c.value}"`).join(', ')}, got "${value}"`,
        `for example --option ${key}=${question.default}`,
      );
    }
    answers[key.slice('access.'.length)] = value as AccessMode;
  }
  return answers;
}

/** One line per table: the access mode the migrations give it, and what it was when that changes who reads. */
function accessSummary(decisions: readonly TableDecision[]): string {
  const modes = decisions.map(
    (d) =>
      `${qualifiedName(d.table)} ${d.mode}${d.publicReadPolicy && d.mode !== 'public-read' && d.mode !== 'skip' ? ' (everyone read it before)' : ''}`,
  );
  return `access: ${modes.join(' · ')}\n`;
}

/**
 * Per package dir, the limiter add-rate-limit would back with the database, where the scan finds
 * routes it would limit or in-memory limiters it would replace: the migrations must come with it.
 */
async function rateLimitedPackages(
  project: Project,
  findings: readonly Finding[],
): Promise<Map<string, { module: string; rpcFunction: boolean }>> {
  if (findings.length === 0) return new Map();
  const { limiterPlace } = await import('../../transforms/add-rate-limit/module.ts');
  const changeset = new Changeset(diskReader(project.root));
  const limited = new Map<string, { module: string; rpcFunction: boolean }>();
  for (const { pkg, items } of byPackage(project.packages, findings)) {
    const store = pkg ? backendOf(pkg) : null;
    // The module the fix writes, as it names it: a project's own `rate-limit` module keeps its name.
    const place =
      pkg && store && store !== 'upstash'
        ? limiterPlace(
            changeset,
            pkg,
            items.map((finding) => finding.file),
          )
        : null;
    if (place) limited.set(pkg.dir, { module: place.module, rpcFunction: store === 'supabase' });
  }
  return limited;
}

/**
 * Per package dir, the session store persist-session-store would write, where the scan finds an
 * in-memory map of sessions or codes whose shape it would replace: the migrations must come with it.
 */
async function sessionStoredPackages(
  project: Project,
  findings: readonly Finding[],
): Promise<Map<string, { module: string; rpcFunctions: boolean }>> {
  if (findings.length === 0) return new Map();
  const { sessionBackendOf, sessionStorePlace } = await import('../../transforms/persist-session-store/module.ts');
  const { storePlan } = await import('../../transforms/persist-session-store/rewrite.ts');
  const context = { project, changeset: new Changeset(diskReader(project.root)) };
  const stored = new Map<string, { module: string; rpcFunctions: boolean }>();
  for (const finding of findings) {
    const pkg = packageFor(project.packages, finding.file);
    const store = pkg ? sessionBackendOf(pkg) : null;
    if (!pkg || !store || store === 'upstash' || stored.has(pkg.dir)) continue;
    const source = context.changeset.read(finding.file);
    if (source === null || typeof storePlan(context, finding.file, source, String(finding.data?.name ?? '')) === 'string') continue;
    const place = sessionStorePlace(context.changeset, pkg, [finding.file]);
    if (place) stored.set(pkg.dir, { module: place.module, rpcFunctions: store === 'supabase' });
  }
  return stored;
}

function printDryRun(generation: Generation, write: (text: string) => void): void {
  for (const file of generation.files) {
    write(`-- ${file.path}\n${file.content}\n`);
    write(`-- ${file.rollbackPath}\n${file.rollbackContent}\n`);
  }
}

export function registerSql(program: Command, setExit: (code: number) => void): void {
  program
    .command('sql')
    .description('generate migrations for row level security, constraints and indexes, from the schema and the code')
    .argument('[dir]', 'the app', '.')
    .option('--layout <layout>', 'where migrations go: supabase, prisma or plain (detected by default)')
    .option('--out <dir>', "write the migrations to this folder instead of the layout's")
    .option('--only <part>', 'generate only rls, constraints (with their validation) or indexes')
    .option('--name <name>', 'the name after the timestamp in the file names', 'shipshape')
    .option('--dry-run', 'print the SQL; write nothing')
    .option('--yes', 'no prompts: take the inferred access mode for every table')
    .option('--database-url <url>', 'read the schema from this live database instead of the migration files')
    .option('--allow-dirty', 'run even when the git tree has uncommitted changes')
    .option('--option <key=value>', "choose a table's access: access.<table>=owner|public-read|team|server-only|skip (repeatable)", collect)
    .option('--quiet', 'no log lines on stderr')
    .option('--no-color', 'no colour, even on a terminal')
    .action(async (dir: string, flags: SqlFlags) => {
      const logger = createLogger(Boolean(flags.quiet));
      const options = validate(flags);
      const optionPairs = splitOptionPairs(flags.option, 'access.notes=owner');
      const scripted = Boolean(flags.yes || flags.dryRun);
      const interactive = !scripted && canAsk();
      if (!scripted && !interactive)
        throw new UsageError('the sql wizard needs a terminal', 'in scripts and CI pass --yes (inferred access modes) or --dry-run');
      const project = load(dir, CHECK_IDS);
      await loadSqlParser();
      const schemas = flags.databaseUrl ? [await liveSchema(flags.databaseUrl)] : loadSchemas(project);
      if (schemas.length === 0) {
        throw new UsageError(
          `no database schema found in ${dir}`,
          'shipshape reads supabase/migrations/*.sql, prisma/schema.prisma or .sql files with CREATE TABLE; or pass --database-url',
        );
      }
      for (const schema of schemas) {
        const problem = schema.problems.find((p) => p.kind === 'parse');
        if (problem)
          throw new UsageError(problem.message, 'fix that file first: migrations generated from a schema read only in part could be wrong');
      }
      if (interactive) assertCleanTree(project.root, Boolean(flags.allowDirty), logger);
      const uses = collectColumnUses(project);
      // One scan for both stores' fixes: each takes the findings of its own checks.
      const storeChecks = options.only ? [] : [...new Set([...checksFixedBy('add-rate-limit'), ...checksFixedBy('persist-session-store')])];
      const storeFindings = storeChecks.length > 0 ? (await scan(project, { checks: storeChecks })).findings : [];
      const fixedBy = (transformId: string) => {
        const ids = new Set(checksFixedBy(transformId).map((check) => check.meta.id));
        return storeFindings.filter((finding) => ids.has(finding.ruleId));
      };
      const rateLimited = await rateLimitedPackages(project, fixedBy('add-rate-limit'));
      const sessionStored = await sessionStoredPackages(project, fixedBy('persist-session-store'));
      const color = flags.color !== false && colorEnabled(io().stdout);
      const changeset = new Changeset(diskReader(project.root));
      const generations: Generation[] = [];
      const summaries: string[] = [];
      const unanswered = new Set(Object.keys(optionPairs));
      for (const schema of schemas) {
        const inferred = decideTables(schema);
        const known = new Set(inferred.map((d) => accessQuestion(d).name));
        const mine = Object.fromEntries(Object.entries(optionPairs).filter(([key]) => known.has(key) || schemas.length === 1));
        for (const key of Object.keys(mine)) unanswered.delete(key);
        let decisions: TableDecision[] = decideTables(schema, accessAnswers(mine, inferred));
        if (interactive && decisions.length > 0) {
          const { askAccessModes } = await import('../wizard/sql-wizard.ts');
          decisions = await askAccessModes(decisions, (text) => void io().stdout.write(text));
        }
        const layout = detectLayout(project, schema, options.layout, flags.out);
        const { lineEnding } = await newFileStyle(project, path.posix.join(layout.migrationsDir, 'migration.sql'));
        const generation = generate(project, schema, {
          layout,
          decisions,
          uses,
          name: options.name,
          now: new Date(),
          only: options.only,
          lineEnding,
          rateLimits: rateLimited.get(schema.packageDir ?? '') ?? null,
          sessionStore: sessionStored.get(schema.packageDir ?? '') ?? null,
        });
        const blocking = replayProblemsAffecting(schema, generation.plan);
        for (const problem of schema.problems.filter((p) => p.kind === 'replay' && !blocking.includes(p)))
          logger.warn(`${problem.message} (\`${oneLine(problem.statement ?? '')}\`); no table this run writes SQL for is affected`);
        if (blocking[0]) {
          throw new UsageError(
            `${blocking[0].message} (\`${oneLine(blocking[0].statement ?? '')}\`)`,
            'the SQL for that table would be planned on a guess: check that migration against the database (or pass --database-url), or leave the table out with --only',
          );
        }
        generations.push(generation);
        for (const note of generation.plan.notes) logger.info(note);
        const answered = new Set([...Object.keys(mine), ...(interactive ? decisions.map((d) => accessQuestion(d).name) : [])]);
        for (const decision of decisions) {
          const table = qualifiedName(decision.table);
          if (
            !decision.publicReadPolicy ||
            decision.mode === 'public-read' ||
            decision.mode === 'skip' ||
            answered.has(accessQuestion(decision).name)
          )
            continue;
          if (!generation.plan.rls.some((r) => r.label === table)) continue;
          changeset.followUp({
            kind: 'manual',
            message: `${table}: its policy ${quoteIdentifier(decision.publicReadPolicy)} let everyone read every row; the new policies let only the owner read. To keep it public: shipshape sql --option access.${table}=public-read`,
          });
        }
        if (decisions.length > 0) summaries.push(accessSummary(decisions));
        for (const file of generation.files) {
          changeset.write(file.path, file.content);
          changeset.write(file.rollbackPath, file.rollbackContent);
        }
        for (const edit of generation.edits) changeset.write(edit.path, edit.content);
      }
      if (unanswered.size > 0) accessAnswers(Object.fromEntries([...unanswered].map((key) => [key, optionPairs[key]!])), []);
      const files = generations.flatMap((g) => g.files);
      if (files.length === 0) {
        io().stdout.write('Nothing to generate: the schema already has the RLS policies, constraints and indexes shipshape would write.\n');
        setExit(EXIT.ok);
        return;
      }
      if (flags.dryRun) {
        for (const summary of summaries) logger.info(summary.trimEnd());
        for (const generation of generations) printDryRun(generation, (text) => void io().stdout.write(text));
        setExit(EXIT.ok);
        return;
      }
      if (!interactive) assertCleanTree(project.root, Boolean(flags.allowDirty), logger);
      for (const generation of generations) {
        const apply =
          generation.layout.kind === 'supabase'
            ? 'supabase db push (or supabase migration up locally)'
            : generation.layout.kind === 'prisma'
              ? 'npx prisma migrate deploy'
              : `your migration tool, in file-name order, on ${generation.layout.migrationsDir}`;
        changeset.followUp({
          kind: 'command',
          message: `apply the migrations with ${apply}; the indexes file must run outside a transaction`,
        });
        if (generation.plan.constraints.length > 0)
          changeset.followUp({
            kind: 'manual',
            message: 'if a VALIDATE fails, the comment above it has the query that lists the rows breaking the rule',
          });
      }
      changeset.followUp({
        kind: 'command',
        message: 'shipshape verify: prove on an embedded Postgres that each user sees only their own rows',
      });
      ignoreStateDir(changeset);
      const changes = changeset.changes();
      const journal = applyWithJournal(project.root, changes, `sql${flags.yes ? ' --yes' : ''}`);
      for (const summary of summaries) io().stdout.write(summary);
      io().stdout.write(renderApplySummary(changes, changeset.followUps, [], journal, color));
      setExit(EXIT.ok);
    });
}
