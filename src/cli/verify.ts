import path from 'node:path';
import type { Command } from 'commander';
import { pc } from '../engine/picocolors.ts';
import { UsageError, errorMessage } from '../errors.ts';
import { readTextFile } from '../project/files.ts';
import { loadSchemas, usesSupabase } from '../sql/load-schema.ts';
import { loadSqlParser } from '../sql/sql-reader.ts';
import { MigrationError } from '../verify/apply.ts';
import { DEFAULT_TIMEOUTS, DatabaseTimeout, hostOf, openPglite, openPostgres, type Database, type Timeouts } from '../verify/database.ts';
import { assertScratch, dropRolesCreatedSince, existingSupabaseRoles, serverAccess } from '../verify/server.ts';
import { PROBES, PROBE_TITLES } from '../verify/probes.ts';
import { verifyDatabase, type VerifyResult } from '../verify/run.ts';
import { EXIT, colorEnabled, createLogger, emit, load } from './common.ts';
import { knownCheckIds } from './list.ts';
import { connectDatabase, databaseUsageError, describeUrl } from './sql.ts';
import { io } from './io.ts';

interface VerifyFlags {
  databaseUrl?: string;
  statementTimeout?: string;
  format?: string;
  quiet?: boolean;
  color?: boolean;
}

/**
 * On a server, verify runs in a database of its own, created for the run and dropped after, when
 * the role may create one. The Supabase roles it had to create are dropped after too, whatever
 * happened: roles belong to the whole server.
 */
async function withServerDatabase<T>(
  url: string,
  timeouts: Timeouts,
  logger: ReturnType<typeof createLogger>,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const label = describeUrl(url);
  const admin = await connectDatabase(url, timeouts);
  try {
    await assertScratch(admin, label);
    const access = await serverAccess(admin);
    if (access.missing.length > 0) {
      throw new UsageError(
        `the role ${access.user} on ${hostOf(url)} lacks what verify needs: ${access.missing.join('; ')}`,
        'connect as a superuser of a scratch server (such as postgres on a local one), or run verify without --database-url to use the embedded PGlite',
      );
    }
    const rolesBefore = await existingSupabaseRoles(admin);
    const name = `shipshape_verify_${process.pid}_${Date.now().toString(36)}`;
    let db: Database | null = null;
    try {
      if (access.createDatabase) {
        await admin.exec(`create database ${name}`);
        const target = new URL(url);
        target.pathname = `/${name}`;
        db = await openPostgres(target.toString(), timeouts);
      } else {
        logger.warn(`${access.user} cannot create a database: verifying in ${label} itself, which keeps what the migrations create`);
      }
      return await work(db ?? admin);
    } finally {
      // Cleaning up must not hide why the run stopped: what fails here is a warning.
      if (db) {
        await db.close();
        // A statement the client gave up on may still run on the server; force ends it.
        await admin
          .exec(`drop database if exists ${name} with (force)`)
          .catch((error: unknown) => logger.warn(`could not drop the scratch database ${name}: ${errorMessage(error)}`));
      }
      const problems = await dropRolesCreatedSince(admin, rolesBefore).catch((error: unknown) => [errorMessage(error)]);
      for (const problem of problems) logger.warn(`could not drop a role verify created: ${problem}`);
    }
  } catch (error) {
    throw databaseUsageError(error);
  } finally {
    await admin.close();
  }
}

function migrationFiles(dir: string, checkIds: ReadonlySet<string>): Array<{ path: string; text: string }> {
  const project = load(dir, checkIds);
  const schema = loadSchemas(project)[0];
  const files = (schema?.files ?? []).filter((f) => f.endsWith('.sql'));
  if (!schema || files.length === 0) {
    throw new UsageError(
      `no SQL migrations found in ${dir}`,
      'verify applies supabase/migrations/*.sql, prisma/migrations/*/migration.sql or .sql files with CREATE TABLE; for Prisma, run `prisma migrate dev` first',
    );
  }
  if (!usesSupabase(project, schema) && !schema.tables.some((t) => t.rls.enabled)) {
    throw new UsageError(
      `nothing to verify in ${dir}: the app does not use Supabase and no migration enables row level security`,
      'verify proves isolation by row level security; an app that reaches its database only from the server isolates users in its own code',
    );
  }
  return files.map((file) => {
    const read = readTextFile(path.join(project.root, file));
    if (!read.ok) throw new UsageError(`cannot read ${file}`, 'check the file');
    return { path: file, text: read.text };
  });
}

export function renderVerifyText(result: VerifyResult, color: boolean): string {
  const colors = pc.createColors(color);
  const header = ['table', 'mode', 'owner', ...PROBES.map((p) => PROBE_TITLES[p])];
  const rows = result.tables.map((t) => [t.table, t.mode, t.owner, ...PROBES.map((p) => t.checks[p].status)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        c === 'PASS' ? colors.green(c.padEnd(widths[i]!)) : c === 'FAIL' ? colors.red(c.padEnd(widths[i]!)) : c.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  const failures = result.tables.flatMap((t) =>
    PROBES.filter((p) => t.checks[p].status === 'FAIL').map((p) => `  ${t.table}: ${PROBE_TITLES[p]}: ${t.checks[p].detail}`),
  );
  if (failures.length > 0) out.push('', colors.bold('failures:'), ...failures);
  for (const s of result.skipped) out.push(`${colors.dim(`not probed: ${s.table} (${s.reason})`)}`);
  const total = result.tables.length * PROBES.length;
  const failed = result.tables.reduce((n, t) => n + PROBES.filter((p) => t.checks[p].status === 'FAIL').length, 0);
  out.push(
    '',
    `${result.passed ? colors.green('PASS') : colors.red('FAIL')}: ${total - failed}/${total} checks passed on ${result.tables.length} table(s) · ${result.migrations.length} migration(s) applied to ${result.database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${result.database.version.split(' ')[0]} · ${result.durationMs} ms`,
  );
  return `${out.join('\n')}\n`;
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function statementTimeoutMs(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUTS.statementMs;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--statement-timeout takes a number of seconds above 0, got "${value}"`, 'for example --statement-timeout 120');
  }
  // Timers and PostgreSQL's statement_timeout both hold a signed 32-bit count of milliseconds (24.8 days).
  return Math.max(1, Math.min(Math.round(seconds * 1000), MAX_TIMEOUT_MS));
}

export function registerVerify(program: Command, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description("apply the migrations to an embedded Postgres and prove that users cannot reach each other's rows")
    .argument('[dir]', 'the app', '.')
    .option('--database-url <url>', 'use this PostgreSQL server (an empty scratch database) instead of the embedded PGlite')
    .option('--statement-timeout <seconds>', 'stop when one statement of the migrations or the probes runs longer (default: 60)')
    .option('--format <format>', 'text or json', 'text')
    .option('--quiet', 'no log lines on stderr')
    .option('--no-color', 'no colour, even on a terminal')
    .action(async (dir: string, flags: VerifyFlags) => {
      const logger = createLogger(Boolean(flags.quiet));
      if (flags.format !== 'text' && flags.format !== 'json')
        throw new UsageError(`unknown format "${flags.format}"`, 'use --format text or --format json');
      const statementMs = statementTimeoutMs(flags.statementTimeout);
      // A migration may set its own statement_timeout (dumps start with `SET statement_timeout = 0`):
      // the client then gives up too, as the defaults do, at twice the server's limit.
      const timeouts = { ...DEFAULT_TIMEOUTS, statementMs, queryMs: Math.min(2 * statementMs, MAX_TIMEOUT_MS) };
      await loadSqlParser();
      const migrations = migrationFiles(dir, await knownCheckIds());
      const run = async (db: Database, emulated = false) => {
        try {
          return await verifyDatabase(db, migrations, { emulated });
        } catch (error) {
          if (error instanceof MigrationError)
            throw new UsageError(
              `a migration fails: ${error.message}`,
              error.cause instanceof DatabaseTimeout
                ? 'a statement that loops or waits for ever never ends: fix it; one that is only slow needs a longer --statement-timeout'
                : 'fix that statement: verify applies the migrations in file-name order to a fresh database',
            );
          if (error instanceof DatabaseTimeout)
            throw new UsageError(
              `${error.message}, probing the tables`,
              'a policy or a function it calls runs too long or for ever: fix it, or give verify a longer --statement-timeout',
            );
          throw error;
        }
      };
      let result: VerifyResult;
      if (flags.databaseUrl) {
        logger.info(`applying ${migrations.length} migration(s) to a scratch database on ${describeUrl(flags.databaseUrl)}…`);
        result = await withServerDatabase(flags.databaseUrl, timeouts, logger, run);
      } else {
        logger.info(`applying ${migrations.length} migration(s) to an embedded PGlite…`);
        const db = await openPglite({ supabase: true, statementMs: timeouts.statementMs });
        try {
          result = await run(db, true);
        } finally {
          await db.close();
        }
      }
      if (flags.format === 'json') emit(`${JSON.stringify(result, null, 2)}\n`);
      else emit(renderVerifyText(result, flags.color !== false && colorEnabled(io().stdout)));
      setExit(result.passed ? EXIT.ok : EXIT.findings);
    });
}
