import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/report/github.ts';
import { FIXTURES, cleanTempDirs, copyFixture, gitInit, runAsync, tempDir } from './helpers.ts';

afterAll(cleanTempDirs);

const GOLDEN = path.join(FIXTURES, 'report-golden');
const FORMATS = { github: 'prototype.github.txt', gitlab: 'prototype.gitlab.json', junit: 'prototype.junit.xml' };

const SECRETS = ['sk_live_51HxPrototypeKeyDoNotShip0123456789abcdef', 'whsec_prototype0123456789', 'hunter2hunter2'];

let app: string;
beforeAll(() => {
  app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
});

/** `UPDATE_GOLDENS=1 npx vitest run test/report-formats.test.ts` rewrites the files after a deliberate change. */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDENS) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('report formats for CI', () => {
  for (const [format, golden] of Object.entries(FORMATS)) {
    it(`--format ${format} matches its golden file, twice over, with no absolute path`, async () => {
      const first = await runAsync(['scan', app, '--format', format]);
      expect(first.code).toBe(1);
      expect(first.stderr).toBe('');
      expect((await runAsync(['scan', app, '--format', format])).stdout).toBe(first.stdout);
      expect(first.stdout).not.toContain(app);
      for (const secret of SECRETS) expect(first.stdout).not.toContain(secret);
      expectGolden(golden, first.stdout);
    });
  }

  it('github: one annotation per finding at its severity, and the summary last', async () => {
    const lines = (await runAsync(['scan', app, '--format', 'github'])).stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('::error ')).length).toBe(18);
    expect(lines.filter((line) => line.startsWith('::warning ')).length).toBe(3);
    expect(lines.filter((line) => line.startsWith('::notice ')).length).toBe(3);
    expect(lines).toContain(
      '::error file=next.config.js,line=6,endLine=6,col=5,endColumn=28,title=next.config hides type or lint errors from the build [next-config-ignores-build-errors]::`typescript.ignoreBuildErrors: true` lets `next build` succeed with type errors.%0Afix: shipshape fix --only next-config-ignores-build-errors',
    );
    expect(lines.at(-1)).toBe(
      'shipshape: 24 findings (4 critical, 14 high, 3 medium, 3 low) · 12 files scanned · 2 skipped · 1 suppressed',
    );
  });

  it('github: escapes what ends a workflow command', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%\nd')).toBe('a%3Ab%2Cc%25%0Ad');
  });

  it('gitlab: the Code Quality fields, GitLab severities and one fingerprint per issue', async () => {
    const issues = JSON.parse((await runAsync(['scan', app, '--format', 'gitlab'])).stdout);
    expect(issues).toHaveLength(24);
    for (const issue of issues) {
      expect(Object.keys(issue)).toEqual(expect.arrayContaining(['description', 'check_name', 'fingerprint', 'severity', 'location']));
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(typeof issue.location.path).toBe('string');
      expect(Number.isInteger(issue.location.lines.begin)).toBe(true);
    }
    expect(new Set(issues.map((issue: { fingerprint: string }) => issue.fingerprint)).size).toBe(24);
    expect(issues.find((issue: { check_name: string }) => issue.check_name === 'hardcoded-secret')).toMatchObject({
      severity: 'critical',
      categories: ['Security'],
      location: { path: 'lib/stripe.ts', lines: { begin: 3 } },
    });
  });

  it('junit: a suite per check, a failing case per finding', async () => {
    const xml = (await runAsync(['scan', app, '--format', 'junit'])).stdout;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="shipshape" tests="\d+" failures="24" errors="0">/);
    expect(xml).toContain('<testsuite name="hardcoded-secret" tests="3" failures="3" errors="0" skipped="0">');
    expect(xml).toContain('<testcase name="db-connection-per-request" classname="shipshape.db-connection-per-request"/>');
    expect(xml).not.toMatch(/timestamp|time=/);
  });

  it('paths are from the repository root when the app is a folder of it', async () => {
    const repo = tempDir();
    copyFixture(path.join(FIXTURES, 'apps', 'prototype'), path.join(repo, 'web'));
    gitInit(repo);
    const issues = JSON.parse((await runAsync(['scan', path.join(repo, 'web'), '--format', 'gitlab'])).stdout);
    expect(issues.find((issue: { check_name: string }) => issue.check_name === 'hardcoded-secret').location.path).toBe('web/lib/stripe.ts');
    const annotations = (await runAsync(['scan', path.join(repo, 'web'), '--format', 'github'])).stdout;
    expect(annotations).toContain('::error file=web/lib/stripe.ts,line=3,');
  });
});
