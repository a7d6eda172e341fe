import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, runAsync, tempDir, writeTree } from '../helpers.ts';

const require = createRequire(import.meta.url);
const Ajv: typeof import('ajv-draft-04').default = require('ajv-draft-04');
const addFormats: typeof import('ajv-formats').default = require('ajv-formats');

afterAll(cleanTempDirs);

let app: string;
beforeAll(() => {
  app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
});

const SECRETS = [
  'sk_live_51HxPrototypeKeyDoNotShip0123456789abcdef',
  'whsec_prototype0123456789',
  'sk-proj-Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8',
  'hunter2hunter2',
  'c2lnbmF0dXJlLXNydg',
];

describe('shipshape scan on the prototype app', () => {
  it('prints a text report grouped by severity, with frames, fixes and a summary, and exits 1 at --fail-on high', async () => {
    const { code, stdout, stderr } = await runAsync(['scan', app]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^CRITICAL \(4\)/);
    expect(stdout.indexOf('CRITICAL')).toBeLessThan(stdout.indexOf('HIGH'));
    expect(stdout.indexOf('HIGH')).toBeLessThan(stdout.indexOf('MEDIUM'));
    expect(stdout.indexOf('MEDIUM')).toBeLessThan(stdout.indexOf('LOW'));
    expect(stdout).toContain('next.config.js:6:5  next.config hides type or lint errors from the build');
    expect(stdout).toContain('> 6 |     ignoreBuildErrors: true,');
    expect(stdout).toContain("'openai' is imported but package.json does not declare it.");
    expect(stdout).toContain('fix: shipshape fix --only undeclared-dependency');
    expect(stdout).toContain(
      'supabase/migrations/20240501000000_init.sql:1:1  Table in an exposed schema without row level security  [rls-disabled]',
    );
    expect(stdout).toContain('fix: shipshape sql\n');
    expect(stdout).toMatch(/24 findings \(4 critical, 14 high, 3 medium, 3 low\) · 12 files scanned · 2 skipped · 1 suppressed · \d+ ms/);
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it('never prints a secret in full, in any format or diff', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const { stdout } = await runAsync(['scan', app, '--format', format]);
      for (const secret of SECRETS) expect(stdout).not.toContain(secret);
    }
    const dry = await runAsync(['fix', app, '--dry-run', '--all']);
    expect(dry.stdout).toContain('process.env.STRIPE_SECRET_KEY!');
    for (const secret of SECRETS) expect(dry.stdout + dry.stderr).not.toContain(secret);
    expect(dry.stderr).toContain('secrets in the diff are masked');
    expect((await runAsync(['scan', app])).stdout).toContain("new Stripe('sk_liv…(49 chars)'");
  });

  it('writes the JSON report with the documented shape and relative paths', async () => {
    const { code, stdout } = await runAsync(['scan', app, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['version', 'root', 'summary', 'findings', 'rotate', 'skipped', 'project']);
    expect(report.project.packages).toEqual([
      expect.objectContaining({
        dir: '',
        name: 'taskpilot',
        next: { range: '14.2.3', installed: null },
        routers: ['pages', 'app'],
        databases: ['prisma', 'supabase-js'],
        lockfile: null,
      }),
    ]);
    expect(report.project.envFiles[1]).toEqual({
      path: '.env.local',
      variables: [
        'NEXT_PUBLIC_SUPABASE_URL',
        'NEXT_PUBLIC_SUPABASE_ANON_KEY',
        'SUPABASE_SERVICE_ROLE_KEY',
        'OPENAI_API_KEY',
        'DATABASE_URL',
      ],
      tracked: true,
      ignored: false,
    });
    expect(report.summary).toMatchObject({ files: 12, skipped: 2, findings: { critical: 4, high: 14, medium: 3, low: 3 }, suppressed: 1 });
    expect(typeof report.summary.durationMs).toBe('number');
    const undeclared = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'undeclared-dependency');
    expect(undeclared.map((f: { file: string }) => f.file)).toEqual([
      'components/TaskCard.tsx',
      'lib/stripe.ts',
      'pages/api/chat.ts',
      'pages/api/tasks/[id].ts',
      'scripts/seed.ts',
    ]);
    expect(Object.keys(report.findings[0]).sort()).toEqual(
      [
        'category',
        'column',
        'endColumn',
        'endLine',
        'file',
        'fingerprint',
        'fix',
        'line',
        'message',
        'messageId',
        'rotate',
        'ruleId',
        'severity',
        'title',
      ].sort(),
    );
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'next-config-ignores-build-errors').fix).toEqual({
      id: 'remove-build-error-ignores',
      safe: false,
    });
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'parse-error')).toMatchObject({
      file: 'components/Draft.tsx',
      severity: 'low',
      messageId: 'sourceDoesNotParse',
    });
    expect(report.skipped).toEqual([
      { path: 'public/logo.png', reason: 'binary' },
      { path: 'public/pixel.dat.js', reason: 'binary' },
    ]);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', async () => {
    const { stdout } = await runAsync(['scan', app, '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'shipshape', version: '0.1.0' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const rule = driver.rules.find((r: { id: string }) => r.id === 'undeclared-dependency');
    expect(rule).toMatchObject({ defaultConfiguration: { level: 'error' }, properties: { category: 'dependencies', severity: 'high' } });
    expect(rule.help.text.length).toBeGreaterThan(20);
    const results = sarif.runs[0].results;
    const dynamicRoute = results.find((r: any) => r.locations[0].physicalLocation.artifactLocation.uri.includes('tasks'));
    expect(dynamicRoute.locations[0].physicalLocation.artifactLocation.uri).toBe('pages/api/tasks/%5Bid%5D.ts');
    expect(dynamicRoute.locations[0].physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 37 });
    expect(results.find((r: any) => r.ruleId === 'missing-lockfile').level).toBe('warning');
    expect(results.find((r: any) => r.ruleId === 'unbounded-query').level).toBe('warning');
    expect(results.find((r: any) => r.ruleId === 'parse-error')).toMatchObject({
      level: 'note',
      properties: { messageId: 'sourceDoesNotParse' },
    });
    expect(results.every((r: any) => typeof r.partialFingerprints['shipshape/v1'] === 'string')).toBe(true);
  });

  it('honours --fail-on', async () => {
    expect((await runAsync(['scan', app, '--fail-on', 'critical'])).code).toBe(1);
    expect((await runAsync(['scan', app, '--only', 'dependencies', '--fail-on', 'critical'])).code).toBe(0);
    expect((await runAsync(['scan', app, '--fail-on', 'low'])).code).toBe(1);
    expect((await runAsync(['scan', app, '--fail-on', 'none'])).code).toBe(0);
    expect((await runAsync(['scan', app, '--only', 'missing-lockfile', '--fail-on', 'medium'])).code).toBe(1);
    expect((await runAsync(['scan', app, '--only', 'missing-lockfile', '--fail-on', 'high'])).code).toBe(0);
  });

  it('selects checks with --only and --skip, by id or category', async () => {
    const rules = async (args: string[]) =>
      [
        ...new Set(
          JSON.parse((await runAsync(['scan', app, '--format', 'json', ...args])).stdout).findings.map((f: { ruleId: string }) => f.ruleId),
        ),
      ].sort();
    expect(await rules(['--only', 'secrets'])).toEqual(['env-file-not-ignored', 'hardcoded-secret']);
    expect(await rules(['--only', 'missing-lockfile,env-file-not-ignored'])).toEqual(['env-file-not-ignored', 'missing-lockfile']);
    expect(await rules(['--skip', 'dependencies', '--skip', 'parse-error'])).toEqual([
      'ai-call-without-limits',
      'auth-endpoint-without-rate-limit',
      'env-file-not-ignored',
      'hardcoded-secret',
      'next-config-ignores-build-errors',
      'no-error-reporting',
      'owner-column-without-foreign-key',
      'prisma-client-duplicated',
      'rls-disabled',
      'route-without-auth',
      'serverless-db-url-without-pooler',
      'unbounded-query',
    ]);
  });

  it('writes a baseline and then hides exactly the known findings', async () => {
    const dir = tempDir();
    const baseline = path.join(dir, 'baseline.json');
    const first = await runAsync(['scan', app, '--write-baseline', baseline, '--format', 'json']);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).findings).toHaveLength(JSON.parse(first.stdout).findings.length);
    const again = await runAsync(['scan', app, '--baseline', baseline]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 findings .* 24 in baseline/m);

    // A new finding shows up; moving old code around does not resurrect the known ones.
    const moved = copyFixture(app);
    const chat = path.join(moved, 'pages/api/chat.ts');
    writeFileSync(chat, `// a new first line\n${readFileSync(chat, 'utf8')}import Stripe from 'stripe';\nexport { Stripe };\n`);
    const after = JSON.parse((await runAsync(['scan', moved, '--baseline', baseline, '--format', 'json'])).stdout);
    expect(after.findings.map((f: { message: string }) => f.message)).toEqual([
      "'stripe' is imported but package.json does not declare it.",
    ]);
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const out = path.join(tempDir(), 'nested', 'report.sarif');
    const { stdout, stderr } = await runAsync(['scan', app, '--format', 'sarif', '--output', out]);
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote the sarif report to ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect((await runAsync(['scan', app, '--format', 'sarif', '--output', out, '--quiet'])).stderr).toBe('');
  });

  it('gives the same findings in worker threads as on the main thread, in the same order', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'big', dependencies: { react: '18.3.1' } }),
      'package-lock.json': '{}',
    };
    for (let i = 0; i < 900; i++) {
      files[`src/mod${i}.ts`] =
        i % 7 === 0
          ? `import x${i} from 'pkg-${i % 5}';\nexport default x${i};\n`
          : `import React from 'react';\nexport const v${i} = ${i};\n`;
    }
    files['src/broken.ts'] = "import { a } from 'pkg-9';\nconst = ;\n";
    const big = writeTree(files);
    const inline = JSON.parse((await runAsync(['scan', big, '--format', 'json', '--workers', '0'])).stdout);
    const threaded = JSON.parse((await runAsync(['scan', big, '--format', 'json', '--workers', '2'])).stdout);
    expect(inline.findings.length).toBe(130);
    expect(threaded.findings).toEqual(inline.findings);
    expect(threaded.summary.files).toBe(inline.summary.files);
  });

  it('honours inline suppressions in env files and config overrides', async () => {
    const dir = writeTree({
      'package.json': JSON.stringify({
        name: 'x',
        dependencies: { a: '1' },
        shipshape: { severity: { 'missing-lockfile': 'low' }, disable: ['undeclared-dependency'] },
      }),
      '.env': '# shipshape-ignore env-file-not-ignored -- throwaway demo values\nA=1\n',
      'index.js': "import b from 'b';\n",
    });
    const report = JSON.parse((await runAsync(['scan', dir, '--format', 'json'])).stdout);
    expect(report.findings.map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity])).toEqual([['missing-lockfile', 'low']]);
    expect(report.summary.suppressed).toBe(1);
  });

  it('applies shipshape.config.json ignore globs', async () => {
    const dir = writeTree({
      'package.json': JSON.stringify({ name: 'x', dependencies: {} }),
      'shipshape.config.json': JSON.stringify({ ignore: ['legacy/**'] }),
      'legacy/old.js': "require('left-pad');\n",
      'src/new.js': "require('right-pad');\n",
    });
    const report = JSON.parse((await runAsync(['scan', dir, '--format', 'json'])).stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['src/new.js']);
  });

  it('quotes a table name in its SQL only where PostgreSQL needs it, in an app whose schema is only Prisma', async () => {
    const app = copyFixture(path.join(FIXTURES, 'apps', 'data-access'));
    const report = JSON.parse((await runAsync(['scan', app, '--only', 'rls-disabled', '--format', 'json'])).stdout);
    const messages = report.findings.map((f: { message: string }) => f.message);
    expect(messages.some((message: string) => message.includes('`alter table products enable row level security;`'))).toBe(true);
  });
});
