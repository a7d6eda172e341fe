import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, modulesLoadedBy, runAsync } from '../helpers.ts';

afterAll(cleanTempDirs);

const VERSION: string = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

function prototypeApp(): string {
  return gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
}

/** The report without its timing, which is all a cached and a cold scan may differ in. */
async function report(app: string, ...flags: string[]): Promise<{ json: unknown; stderr: string }> {
  const { stdout, stderr } = await runAsync(['scan', app, '--format', 'json', '--fail-on', 'none', ...flags]);
  const parsed = JSON.parse(stdout) as { summary: { durationMs?: number } };
  delete parsed.summary.durationMs;
  return { json: parsed, stderr };
}

async function textReport(app: string, ...flags: string[]): Promise<string> {
  return (await runAsync(['scan', app, '--fail-on', 'none', ...flags])).stdout.replace(/ · \d+ ms\n/, ' · ms\n');
}

async function expectCachedEqualsCold(app: string): ReturnType<typeof report> {
  const cached = await report(app, '--cache');
  expect(cached.stderr).toBe('');
  expect(cached.json).toEqual((await report(app)).json);
  return cached;
}

function ruleIds(result: Awaited<ReturnType<typeof report>>): string[] {
  return (result.json as { findings: Array<{ ruleId: string; file: string }> }).findings.map((f) => `${f.ruleId} ${f.file}`).sort();
}

const cacheFile = (app: string) => path.join(app, '.shipshape', 'cache', 'scan-cache');

interface CacheParts {
  header: { format: string; version: string; key: string; resultBytes?: number };
  /** The last scan's whole result, kept when every file's stat could be trusted. */
  stored: { stats: string; result: { findings: Array<{ ruleId: string; file: string; message: string }> } } | null;
  entries: {
    names: string;
    results: Array<[number, Array<{ message: string }>, number]>;
    project: { files: string[]; findings: Array<{ ruleId: string; file: string; message: string }> } | null;
  } | null;
}

function readCache(file: string): CacheParts {
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as CacheParts['header'];
  const resultEnd = newline + 1 + (header.resultBytes ?? 0);
  return {
    header,
    stored: header.resultBytes ? deserialize(bytes.subarray(newline + 1, resultEnd)) : null,
    entries: resultEnd < bytes.length ? deserialize(bytes.subarray(resultEnd)) : null,
  };
}

/** A cache as shipshape writes one: a result is trusted only with its length and digest, the file only at its length. */
function writeCache(file: string, { header, stored, entries }: CacheParts): void {
  const result = stored ? serialize(stored) : Buffer.alloc(0);
  const rest = entries ? serialize(entries) : Buffer.alloc(0);
  const resultDigest = createHash('sha256').update(result).digest('base64');
  const line = JSON.stringify({ ...header, resultBytes: result.length, resultDigest, entriesBytes: rest.length });
  writeFileSync(file, Buffer.concat([Buffer.from(`${line}\n`), result, rest]));
}

/** Files changed in the last two seconds are read again whatever their stat: a test of what a stat can tell waits that long. */
const waitForStatsToSettle = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);

/** A cache whose entry for lib/stripe.ts claims one finding with a message no check writes. */
function poisonStripeEntry(file: string, version = VERSION): void {
  const cache = readCache(file);
  const index = cache.entries!.names.split('\0').indexOf('lib/stripe.ts');
  const entry = cache.entries!.results.find(([at]) => at === index)!;
  entry[1] = entry[1].slice(0, 1).map((finding) => ({ ...finding, message: 'POISONED' }));
  writeCache(file, { header: { ...cache.header, version }, stored: cache.stored, entries: cache.entries });
}

describe('scan --cache', () => {
  it('gives the findings of a cold scan across edits, renames, deletions, env and config changes', async () => {
    const app = prototypeApp();
    const first = await expectCachedEqualsCold(app);
    const kept = readFileSync(cacheFile(app));
    for (const secret of ['sk_live_51HxPrototypeKeyDoNotShip0123456789abcdef', 'whsec_prototype0123456789', 'hunter2hunter2']) {
      for (const encoding of ['latin1', 'utf16le'] as const) expect(kept.includes(Buffer.from(secret, encoding))).toBe(false);
    }
    // The text report's code frames come from the cache too.
    expect(await textReport(app, '--cache')).toBe(await textReport(app));
    expect(ruleIds(first)).toContain('hardcoded-secret lib/stripe.ts');
    expect(await expectCachedEqualsCold(app)).toEqual(first);

    writeFileSync(
      path.join(app, 'lib', 'stripe.ts'),
      "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n",
    );
    const edited = await expectCachedEqualsCold(app);
    expect(ruleIds(edited)).not.toContain('hardcoded-secret lib/stripe.ts');
    expect(await textReport(app, '--cache')).toBe(await textReport(app));

    writeFileSync(
      path.join(app, 'lib', 'openai.ts'),
      "const key = 'sk-proj-Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8';\nexport default key;\n",
    );
    expect(ruleIds(await expectCachedEqualsCold(app))).toContain('hardcoded-secret lib/openai.ts');

    renameSync(path.join(app, 'lib', 'openai.ts'), path.join(app, 'lib', 'ai.ts'));
    const renamed = ruleIds(await expectCachedEqualsCold(app));
    expect(renamed).toContain('hardcoded-secret lib/ai.ts');
    expect(renamed).not.toContain('hardcoded-secret lib/openai.ts');

    rmSync(path.join(app, 'lib', 'ai.ts'));
    rmSync(path.join(app, 'components', 'Draft.tsx'));
    expect(ruleIds(await expectCachedEqualsCold(app)).some((id) => id.endsWith(' lib/ai.ts') || id.endsWith('Draft.tsx'))).toBe(false);

    // A file the cache keeps a stat for, rewritten at the same size with its mtime put back: ctime tells.
    const stripe = path.join(app, 'lib', 'stripe.ts');
    const hidden = 'export const key = process.env.STRIPE_SECRET_KEY!;\n';
    const shown = "export const key = 'sk_live_51Hx9aQ2mZ7LpR4vT8w'; \n";
    expect(shown.length).toBe(hidden.length);
    writeFileSync(stripe, hidden);
    const old = new Date(Date.now() - 60_000);
    utimesSync(stripe, old, old);
    waitForStatsToSettle();
    expect(ruleIds(await expectCachedEqualsCold(app))).not.toContain('hardcoded-secret lib/stripe.ts');
    writeFileSync(stripe, shown);
    utimesSync(stripe, old, old);
    expect(ruleIds(await expectCachedEqualsCold(app))).toContain('hardcoded-secret lib/stripe.ts');

    writeFileSync(path.join(app, '.env.local'), `${readFileSync(path.join(app, '.env.local'), 'utf8')}\nNEW_ONLY_HERE=1\n`);
    await expectCachedEqualsCold(app);

    writeFileSync(
      path.join(app, 'shipshape.config.json'),
      JSON.stringify({ disable: ['undeclared-dependency'], severity: { 'hardcoded-secret': 'low' } }),
    );
    const configured = await expectCachedEqualsCold(app);
    expect(ruleIds(configured).some((id) => id.startsWith('undeclared-dependency'))).toBe(false);
  }, 180_000);

  it('answers a re-scan where no file changed from the stored result, loading no check, until a file or the key changes', async () => {
    const app = prototypeApp();
    waitForStatsToSettle();
    const cold = await report(app);
    expect((await report(app, '--cache')).json).toEqual(cold.json);
    const filled = readCache(cacheFile(app));
    expect(filled.stored?.result.findings.length).toBe((cold.json as { findings: unknown[] }).findings.length);

    const run = modulesLoadedBy(['scan', app, '--cache', '--quiet', '--fail-on', 'none']);
    expect(run.status, run.stderr).toBe(0);
    const loaded = [...run.byThread.values()].flat();
    expect(loaded.some((file) => file.endsWith(`${path.sep}registry.js`))).toBe(false);
    expect(loaded.filter((file) => file.includes(`${path.sep}checks${path.sep}`))).toEqual([]);

    // Proof that the stored result is what answers: a planted message is reported while nothing changes.
    filled.stored!.result.findings[0]!.message = 'POISONED';
    writeCache(cacheFile(app), filled);
    expect((await runAsync(['scan', app, '--cache', '--format', 'json', '--fail-on', 'none'])).stdout).toContain('POISONED');
    for (const flags of [['--format', 'sarif'], ['--format', 'junit'], []]) {
      expect((await runAsync(['scan', app, '--cache', '--fail-on', 'none', ...flags])).stdout).toContain('POISONED');
    }

    // A stored result changed behind its digest is damage: said once, and the scan runs.
    const tampered = readFileSync(cacheFile(app));
    tampered.write('TAMPERED', tampered.indexOf('POISONED'));
    writeFileSync(cacheFile(app), tampered);
    const afterTampering = await report(app, '--cache');
    expect(afterTampering.stderr).toMatch(/^warning: ignoring the scan cache .*: it is not a shipshape scan cache or it is damaged\n$/);
    expect(afterTampering.json).toEqual(cold.json);
    writeCache(cacheFile(app), filled);

    // Any file's stat, and any part of the key, voids it: an --only run, a config, a changed file.
    const only = await report(app, '--cache', '--only', 'hardcoded-secret');
    expect(JSON.stringify(only.json)).not.toContain('POISONED');
    expect(only.json).toEqual((await report(app, '--only', 'hardcoded-secret')).json);
    writeCache(cacheFile(app), filled);
    // A file only the project checks read, changed without changing a finding: its stat alone says so.
    const migration = path.join(app, 'supabase', 'migrations', '20240501000000_init.sql');
    writeFileSync(migration, `${readFileSync(migration, 'utf8')}\n-- reviewed\n`);
    expect((await expectCachedEqualsCold(app)).json).toEqual(cold.json);
    expect(JSON.stringify(readCache(cacheFile(app)).stored)).not.toContain('POISONED');
  });

  it('keeps the project-wide findings while the facts and files they come from stand, and works them out again when one changes', async () => {
    const app = prototypeApp();
    waitForStatsToSettle();
    const cold = await report(app);
    expect((await report(app, '--cache')).json).toEqual(cold.json);
    const poison = () => {
      const cache = readCache(cacheFile(app));
      const phase = cache.entries!.project!;
      expect(phase.findings.map((finding) => finding.ruleId)).toContain('rls-disabled');
      phase.findings[0]!.message = 'PROJECT-POISONED';
      writeCache(cacheFile(app), cache);
      return phase.files;
    };
    const append = (file: string, line: string) =>
      writeFileSync(path.join(app, file), `${readFileSync(path.join(app, file), 'utf8')}${line}\n`);
    const read = poison();
    expect(read).toEqual(expect.arrayContaining(['supabase/migrations/20240501000000_init.sql', 'pages/api/chat.ts', 'tsconfig.json']));
    expect(read).not.toContain('lib/stripe.ts');

    // A file the project phase neither read nor took facts from: its findings are the stored ones.
    append('lib/stripe.ts', '// reviewed');
    expect((await runAsync(['scan', app, '--cache', '--format', 'json', '--fail-on', 'none'])).stdout).toContain('PROJECT-POISONED');
    waitForStatsToSettle();

    // A source file it read, a file that is not source, and a change to a file's facts each run it again.
    const changes = [
      ['pages/api/chat.ts', '// reviewed'],
      ['supabase/migrations/20240501000000_init.sql', '-- reviewed'],
      ['lib/stripe.ts', "import { createClient } from '@supabase/supabase-js';"],
    ] as const;
    for (const [file, line] of changes) {
      // A record is kept only with settled stats.
      await report(app, '--cache');
      poison();
      append(file, line);
      const again = await expectCachedEqualsCold(app);
      expect(JSON.stringify(again.json), file).not.toContain('PROJECT-POISONED');
      if (file !== changes.at(-1)![0]) waitForStatsToSettle();
    }
  });

  it('takes an unchanged file’s findings from the cache, and only from a cache its version wrote', async () => {
    const app = prototypeApp();
    const cold = await report(app);
    await report(app, '--cache');
    poisonStripeEntry(cacheFile(app));
    // Proof that the cache is read: a planted entry for an unchanged file is what the scan reports.
    expect((await runAsync(['scan', app, '--cache', '--format', 'json', '--fail-on', 'none'])).stdout).toContain('POISONED');

    poisonStripeEntry(cacheFile(app), '0.0.0-another');
    const foreign = await report(app, '--cache');
    expect(foreign.stderr).toMatch(/^warning: ignoring the scan cache .*scan-cache: it was written by shipshape 0\.0\.0-another\n/);
    expect(foreign.json).toEqual(cold.json);
    expect(readCache(cacheFile(app)).header.version).toBe(VERSION);
    expect((await report(app, '--cache')).stderr).toBe('');
  });

  it('ignores a damaged or foreign cache file with a one-line warning and reports what a cold scan does', async () => {
    const app = prototypeApp();
    const cold = await report(app);
    mkdirSync(path.dirname(cacheFile(app)), { recursive: true });
    for (const content of [Buffer.from('{"format":"shipshape-scan-cache"'), Buffer.from('not a cache at all\n\x00\x01'), Buffer.alloc(0)]) {
      writeFileSync(cacheFile(app), content);
      const scanned = await report(app, '--cache');
      if (content.length > 0) {
        // One line, once: the scan that warned wrote a sound cache for the next.
        expect(scanned.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(scanned.stderr).toMatch(/^warning: ignoring the scan cache .*: it is not a shipshape scan cache or it is damaged\n/);
      }
      expect(scanned.json).toEqual(cold.json);
    }
    // With every stat settled, the re-scan would answer from the stored result: a truncated file is refused all the same.
    waitForStatsToSettle();
    await report(app, '--cache');
    expect(readCache(cacheFile(app)).stored).not.toBeNull();
    const cache = readFileSync(cacheFile(app));
    writeFileSync(cacheFile(app), cache.subarray(0, cache.length - 40));
    const truncated = await report(app, '--cache');
    expect(truncated.stderr).toContain('it is not a shipshape scan cache or it is damaged');
    expect(truncated.json).toEqual(cold.json);
  });

  it('keeps the cache in node_modules/.cache/shipshape when there is node_modules, or where --cache-location says', async () => {
    const app = prototypeApp();
    mkdirSync(path.join(app, 'node_modules'));
    await report(app, '--cache');
    expect(existsSync(path.join(app, 'node_modules', '.cache', 'shipshape', 'scan-cache'))).toBe(true);
    expect(existsSync(path.join(app, '.shipshape'))).toBe(false);

    const own = path.join(app, 'tmp-cache', 'scan.cache');
    mkdirSync(path.dirname(own));
    const located = await report(app, '--cache-location', own);
    expect(readCache(own).header.format).toBe('shipshape-scan-cache');
    expect(located.json).toEqual((await report(app)).json);
    await report(app, '--cache-location', path.join(app, 'tmp-cache'));
    expect(existsSync(path.join(app, 'tmp-cache', 'scan-cache'))).toBe(true);
  });
});
