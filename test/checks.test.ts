import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../src/engine/scan.ts';
import { loadProject } from '../src/project/load-project.ts';
import { CHECKS, CHECK_IDS } from '../src/registry.ts';
import type { Finding } from '../src/types.ts';
import { FileFindings } from '../src/engine/findings.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, git, gitInit, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

/** A finding a fixture must produce: where, and why (which of the check's messages). */
interface Expected {
  file: string;
  line: number;
  messageId: string;
}

/** The severities a check's row in the documentation names: a check may report below its headline severity. */
const DOCUMENTATION = [readFileSync(path.join(REPO, 'README.md'), 'utf8'), readFileSync(path.join(REPO, 'docs', 'checks.md'), 'utf8')].join(
  '\n',
);
function documentedSeverities(checkId: string): { cell: string; named: Set<string> } {
  const cell = new RegExp(`^\\| \`${checkId}\` \\| ([^|]+)\\|`, 'm').exec(DOCUMENTATION)?.[1] ?? '';
  return { cell: cell.trim(), named: new Set(cell.match(/\b(critical|high|medium|low)\b/g)) };
}

async function scanFor(checkId: string, root: string): Promise<Finding[]> {
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const checks = checkId === 'parse-error' ? CHECKS : CHECKS.filter((check) => check.meta.id === checkId);
  const { findings } = await scan(project, { checks });
  return findings.filter((f) => f.ruleId === checkId);
}

async function findingsFor(checkId: string, root: string): Promise<Array<Omit<Expected, 'messageId'>>> {
  return (await scanFor(checkId, root)).map((f) => ({ file: f.file, line: f.line }));
}

const byPosition = (a: Expected, b: Expected) => a.file.localeCompare(b.file) || a.line - b.line || a.messageId.localeCompare(b.messageId);

/** Fails unless the check fires exactly where the case expects, for the reasons it expects, with every placeholder filled. */
async function expectFindings(checkId: string, root: string, expected: readonly Expected[]): Promise<void> {
  const findings = await scanFor(checkId, root);
  const { cell, named } = documentedSeverities(checkId);
  for (const finding of findings) {
    expect(finding.message, `${finding.file}:${finding.line}`).not.toMatch(/\{\{\s*\w+\s*\}\}/);
    expect(named.has(finding.severity), `${finding.file}:${finding.line} is ${finding.severity}; the documentation says ${cell}`).toBe(
      true,
    );
  }
  expect(findings.map((f) => ({ file: f.file, line: f.line, messageId: f.messageId })).sort(byPosition)).toEqual(
    [...expected].sort(byPosition),
  );
}

const readExpected = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Expected[];

/** Each case is a small app folder beside `<case>.expected.json`, the findings it must produce (none for a negative case). */
for (const check of CHECKS) {
  const dir = path.join(FIXTURES, 'checks', check.meta.id);
  const cases = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => existsSync(path.join(dir, `${name}.expected.json`)))
        .sort()
    : [];

  describe(`check ${check.meta.id}`, () => {
    it('has a positive and a negative fixture, naming only messages the check has', () => {
      const expectations = cases.map((name) => readExpected(path.join(dir, `${name}.expected.json`)));
      expect(expectations.some((e) => e.length > 0)).toBe(true);
      expect(expectations.some((e) => e.length === 0)).toBe(true);
      for (const finding of expectations.flat()) expect(Object.keys(check.meta.messages)).toContain(finding.messageId);
    });

    it.each(cases)('%s', async (name) => {
      const root = copyFixture(path.join(dir, name));
      const setupFile = path.join(dir, `${name}.setup.json`);
      if (existsSync(setupFile) && JSON.parse(readFileSync(setupFile, 'utf8')).git === 'commit-all') {
        gitInit(root, false);
        git(root, 'add', '-A', '-f');
        git(root, 'commit', '-q', '-m', 'initial');
      }
      await expectFindings(check.meta.id, root, readExpected(path.join(dir, `${name}.expected.json`)));
    });
  });
}

describe('the fixture harness', () => {
  it('fails when a check fires on the right line for another reason', async () => {
    const dir = path.join(FIXTURES, 'checks', 'hardcoded-secret');
    const expected = readExpected(path.join(dir, 'sdk-keys-and-fallbacks.expected.json'));
    await expectFindings('hardcoded-secret', copyFixture(path.join(dir, 'sdk-keys-and-fallbacks')), expected);
    const [first, ...rest] = expected;
    const wrongReason = { ...first!, messageId: first!.messageId === 'knownKey' ? 'namedSecret' : 'knownKey' };
    await expect(
      expectFindings('hardcoded-secret', copyFixture(path.join(dir, 'sdk-keys-and-fallbacks')), [wrongReason, ...rest]),
    ).rejects.toThrow();
  });
});

describe('messages', () => {
  it('masks the secrets a finding names wherever its data puts them, and leaves a placeholder without data as written', () => {
    const secret = 'Qz7vR2pL9xK4mN8wT1yB6cJ3';
    const text = `const token = process.env.TOKEN ?? '${secret}';\n`;
    const root = writeTree({ 'package.json': '{"name":"messages"}', 'lib/token.ts': text });
    const collector = new FileFindings(loadProject(root, { knownCheckIds: CHECK_IDS }), 'lib/token.ts', text, () => true);
    const meta = { ...CHECKS[0]!.meta, id: 'test-check', messages: { leaked: 'The token {{token}} is in {{file}}; {{unknown}} stays.' } };
    collector.add(meta, {
      loc: { line: 1, column: 1 },
      messageId: 'leaked',
      data: { token: secret, file: 'lib/token.ts' },
      secrets: [secret],
    });
    expect(collector.findings[0]).toMatchObject({
      messageId: 'leaked',
      message: 'The token Qz7vR2…(24 chars) is in lib/token.ts; {{unknown}} stays.',
    });
    expect(() => collector.add(meta, { loc: { line: 1, column: 1 }, messageId: 'other' })).toThrow('test-check has no message "other"');
  });
});

describe('env-file-not-ignored inside git', () => {
  it("uses git's own ignore rules, including nested .gitignore files", async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'env-file-not-ignored', 'not-ignored'));
    gitInit(root);
    expect(await findingsFor('env-file-not-ignored', root)).toHaveLength(2);
    const nested = copyFixture(path.join(FIXTURES, 'checks', 'env-file-not-ignored', 'ignored'));
    gitInit(nested);
    expect(await findingsFor('env-file-not-ignored', nested)).toEqual([]);
  });
});

describe('client code', () => {
  it('names the import chain that makes a module client code, through aliases and index files', async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'secret-in-client-code', 'app-router-chain'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: CHECKS.filter((check) => check.meta.id === 'secret-in-client-code') });
    expect(findings.map((f) => f.message.split('Client code because: ')[1])).toEqual(
      Array(2).fill("lib/ai/index.ts ← components/Chat.tsx ← app/chat/page.tsx ('use client')"),
    );
    // The OpenAI import on line 1 is the same exposure as dangerouslyAllowBrowser on line 6: one finding.
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [6, 'critical'],
      [9, 'critical'],
    ]);
  });

  it('points public-prefixed secrets read in browser code at the fix that moves the code, with the chain', async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'secret-in-client-code', 'app-router-chain'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: CHECKS.filter((check) => check.meta.id === 'public-env-secret') });
    expect(findings.map((f) => [f.file, f.line, f.fix?.id])).toEqual([['lib/ai/index.ts', 5, 'move-secret-server-side']]);
    expect(findings[0]!.message).toContain(
      "It is read in browser code: lib/ai/index.ts ← components/Chat.tsx ← app/chat/page.tsx ('use client')",
    );
  });

  it("keeps imports that only getServerSideProps uses out of a page's client code", async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'secret-in-client-code', 'pages-router'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: CHECKS.filter((check) => check.meta.id === 'secret-in-client-code') });
    expect(findings.some((f) => f.file === 'lib/prisma.ts')).toBe(false);
    expect(findings.find((f) => f.file === 'lib/stripe.ts' && f.line === 3)).toMatchObject({ severity: 'high' });
    expect(findings.find((f) => f.file === 'lib/stripe.ts')?.message).toContain(
      'Client code because: lib/stripe.ts ← pages/checkout.tsx (Pages Router page)',
    );
  });
});

describe('client graph text pass', () => {
  it('finds the imports that bring code, with the positions of server SDK imports, and skips type-only ones', async () => {
    const { moduleFacts } = await import('../src/analysis/client-graph.ts');
    const facts = moduleFacts(
      `'use client';\nimport type { A } from 'a';\nimport { type B, type C as D } from 'b';\nimport E, { type F } from 'stripe';\n  export * from './g';\nconst h = await import('openai');\nconst i = require("pg");\n`,
    );
    expect(facts.directive).toBe('client');
    expect(facts.imports).toEqual([
      { specifier: 'stripe', line: 4, column: 1 },
      // Only server SDK imports are ever reported, so only they carry a position.
      { specifier: './g', line: 0, column: 0 },
      { specifier: 'openai', line: 6, column: 17 },
      { specifier: 'pg', line: 7, column: 11 },
    ]);
    expect(moduleFacts("// header\nimport 'server-only';\n").serverOnly).toBe(true);
  });
});

describe('env variable findings', () => {
  it('reports a variable defined nowhere once per place, not as both undefined and undocumented', async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'env-var-undocumented', 'defined-nowhere'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: CHECKS.filter((check) => check.meta.id.startsWith('env-var-')) });
    const places = findings.map((f) => `${f.file}:${f.line}:${String(f.data?.variable)}`);
    expect(places).toHaveLength(4);
    expect(new Set(places).size).toBe(places.length);
    expect(findings.every((f) => f.ruleId === 'env-var-undefined')).toBe(true);
  });
});

describe('secret checks and public tokens', () => {
  it('gives public-by-design tokens no secret finding in any check', async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'public-env-secret', 'public-by-design'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: CHECKS.filter((check) => check.meta.category === 'secrets') });
    expect(
      findings
        .filter((f) => f.ruleId !== 'server-env-in-client' && f.ruleId !== 'env-file-not-ignored')
        .map((f) => `${f.ruleId} ${f.file}:${f.line}`),
    ).toEqual([]);
    // The one unprefixed read is undefined in the browser, which is not a secret's finding.
    expect(findings.filter((f) => f.ruleId !== 'env-file-not-ignored').map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['server-env-in-client', 'components/Map.tsx', 4],
    ]);
  });

  it('reports a public-prefixed secret read on the server at high, without the browser bundle or a rotation', async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'public-env-secret', 'server-reads'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: CHECKS.filter((check) => check.meta.id === 'public-env-secret') });
    expect(findings.map((f) => [f.file, f.severity, f.message.includes('bundle'), f.message.includes('browser bundle'), f.rotate])).toEqual(
      [
        ['pages/api/charge.ts', 'high', true, false, undefined],
        ['scripts/seed.ts', 'high', true, false, undefined],
      ],
    );
  });

  it('keeps a read critical when the env file holds a credential under that name', async () => {
    const root = copyFixture(path.join(FIXTURES, 'checks', 'public-env-secret', 'secrets-made-public'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: CHECKS.filter((check) => check.meta.id === 'public-env-secret') });
    expect(findings.map((f) => [f.file, f.line, f.severity]).sort((a, b) => String(a).localeCompare(String(b)))).toEqual([
      ['.env.local', 2, 'critical'],
      ['.env.local', 3, 'critical'],
      ['.env.local', 4, 'high'],
      ['lib/ai.ts', 1, 'critical'],
      ['next.config.js', 3, 'high'],
    ]);
  });
});
