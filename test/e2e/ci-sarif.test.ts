import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, runAsync } from '../helpers.ts';

const require = createRequire(import.meta.url);
const Ajv: typeof import('ajv-draft-04').default = require('ajv-draft-04');
const addFormats: typeof import('ajv-formats').default = require('ajv-formats');

afterAll(cleanTempDirs);

let app: string;
let sarif: any;
beforeAll(async () => {
  app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
  sarif = JSON.parse((await runAsync(['scan', app, '--format', 'sarif'])).stdout);
});

const ruleOf = (id: string) => sarif.runs[0].tool.driver.rules.find((rule: { id: string }) => rule.id === id);

interface Replacement {
  deletedRegion: { charOffset: number; charLength: number };
  insertedContent?: { text: string };
}

function applyReplacements(text: string, replacements: Replacement[]): string {
  let out = text;
  for (const { deletedRegion, insertedContent } of [...replacements].sort(
    (a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset,
  )) {
    out =
      out.slice(0, deletedRegion.charOffset) +
      (insertedContent?.text ?? '') +
      out.slice(deletedRegion.charOffset + deletedRegion.charLength);
  }
  return out;
}

describe('SARIF for GitHub code scanning', () => {
  it('is still valid against the official SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('tags security checks, scores them by severity band and gives the measured precision', () => {
    expect(ruleOf('hardcoded-secret').properties).toMatchObject({
      tags: ['security', 'secrets'],
      'security-severity': '9.5',
      precision: 'very-high',
    });
    expect(ruleOf('rls-policy-always-true').properties).toMatchObject({ tags: ['security', 'rls'], 'security-severity': '8.0' });
    expect(ruleOf('raw-sql-interpolation').properties.tags).toEqual(['security', 'data-access']);
    expect(ruleOf('rls-policy-initplan').properties['security-severity']).toBe('5.5');
    expect(ruleOf('server-module-without-server-only').properties['security-severity']).toBe('2.0');
    // Not a security check: no security tag and no score, so GitHub files it as a quality alert.
    expect(ruleOf('missing-lockfile').properties.tags).toEqual(['dependencies']);
    expect(ruleOf('missing-lockfile').properties['security-severity']).toBeUndefined();
    // Measured on the labelled apps: 10 true and 1 false positive.
    expect(ruleOf('unbounded-query').properties.precision).toBe('high');
    // Two true positives are too few for very-high.
    expect(ruleOf('secret-in-client-code').properties.precision).toBe('high');
    // No labelled finding: no claim.
    expect(ruleOf('route-conflict').properties.precision).toBeUndefined();
  });

  it('points each rule at its doc page in the repository and carries Markdown help', () => {
    const rule = ruleOf('undeclared-dependency');
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(rule.helpUri).toBe(`${repository}/blob/main/docs/checks/undeclared-dependency.md`);
    expect(rule.helpUri).not.toContain('npmjs');
    expect(rule.help.markdown).toContain('**Import of a package that package.json does not declare**');
    expect(rule.help.markdown).toContain('`shipshape fix --only undeclared-dependency`');
  });

  it('names the run for automationDetails, by default and with --sarif-category', async () => {
    expect(sarif.runs[0].automationDetails).toEqual({ id: 'shipshape/' });
    const named = JSON.parse(
      (await runAsync(['scan', app, '--format', 'sarif', '--sarif-category', 'shipshape/web', '--no-sarif-fixes'])).stdout,
    );
    expect(named.runs[0].automationDetails).toEqual({ id: 'shipshape/web/' });
  });

  it('reports skipped and unparsable files as tool execution notifications', () => {
    const [invocation] = sarif.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(true);
    const ids = invocation.toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id);
    expect(ids).toEqual(['skipped-file', 'skipped-file', 'unparsable-file']);
    expect(invocation.toolExecutionNotifications[2].locations[0].physicalLocation.artifactLocation.uri).toBe('components/Draft.tsx');
  });

  it('carries the change of a safe fix, which applied gives what `shipshape fix` writes', async () => {
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'prisma-client-duplicated');
    expect(result.fixes).toHaveLength(1);
    const [change] = result.fixes[0].artifactChanges;
    expect(change.artifactLocation).toEqual({ uri: 'lib/prisma.ts', uriBaseId: 'SRCROOT' });
    const applied = applyReplacements(readFileSync(path.join(app, 'lib/prisma.ts'), 'utf8'), change.replacements);

    const fixed = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
    expect((await runAsync(['fix', fixed, '--yes', '--only', 'prisma-client-duplicated', '--quiet'])).code).toBe(0);
    expect(applied).toBe(readFileSync(path.join(fixed, 'lib/prisma.ts'), 'utf8'));

    // A fix that needs review, or one that would write an env file's values, carries none.
    const unsafe = sarif.runs[0].results.filter((r: { ruleId: string }) =>
      ['hardcoded-secret', 'next-config-ignores-build-errors'].includes(r.ruleId),
    );
    expect(unsafe.every((r: { fixes?: unknown }) => r.fixes === undefined)).toBe(true);
    expect(
      JSON.parse((await runAsync(['scan', app, '--format', 'sarif', '--no-sarif-fixes'])).stdout).runs[0].results.some((r: any) => r.fixes),
    ).toBe(false);
  });

  it("follows GitHub's upload rules: limits, property types and URI forms", () => {
    expect(sarif.runs.length).toBeLessThanOrEqual(20);
    for (const run of sarif.runs) {
      expect(run.results.length).toBeLessThanOrEqual(25_000);
      expect(run.tool.driver.rules.length).toBeLessThanOrEqual(25_000);
      expect(typeof run.automationDetails.id).toBe('string');
      for (const rule of run.tool.driver.rules) {
        expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
        expect(rule.properties.tags.every((tag: unknown) => typeof tag === 'string')).toBe(true);
        const score = rule.properties['security-severity'];
        if (score !== undefined) {
          expect(typeof score).toBe('string');
          expect(Number(score)).toBeGreaterThanOrEqual(0.1);
          expect(Number(score)).toBeLessThanOrEqual(10);
        }
        if (rule.properties.precision !== undefined) expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties.precision);
        expect(rule.helpUri).toMatch(/^https:\/\//);
        expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      }
      for (const result of run.results) {
        expect(['error', 'warning', 'note']).toContain(result.level);
        expect(result.message.text.length).toBeGreaterThan(0);
        expect(result.locations.length).toBeLessThanOrEqual(1000);
        const { uri } = result.locations[0].physicalLocation.artifactLocation;
        // Relative to the repository root: no scheme, no leading slash, no way out, no raw brackets or spaces.
        expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/|(^|\/)\.\.(\/|$)|[[\] ]/i);
        expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
        for (const value of Object.values(result.partialFingerprints)) expect(typeof value).toBe('string');
      }
    }
  });
});
