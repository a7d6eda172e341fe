import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanTempDirs, copyFixture, gitInit, runAsync } from '../helpers.ts';

afterAll(cleanTempDirs);

const ERROR_CHECKS = 'error-details-leaked,empty-catch,no-error-reporting';

describe('fix --yes on leaking error responses', () => {
  it('applies hide-error-details without review, leaves add-error-reporting for review, and a second run changes nothing', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'checks', 'error-details-leaked', 'leaks')));
    const before = JSON.parse((await runAsync(['scan', app, '--only', ERROR_CHECKS, '--format', 'json'])).stdout);
    const leaks = before.findings.filter((f: { ruleId: string }) => f.ruleId === 'error-details-leaked');
    expect(leaks).toHaveLength(8);
    expect(leaks.every((f: { fix: { id: string; safe: boolean } }) => f.fix.id === 'hide-error-details' && f.fix.safe)).toBe(true);

    const fixed = await runAsync(['fix', app, '--yes', '--only', ERROR_CHECKS]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain('add-error-reporting');
    const route = readFileSync(path.join(app, 'app/api/orders/route.ts'), 'utf8');
    expect(route).toContain("console.error('POST /api/orders failed:', error);");
    expect(route).toContain("error: 'Internal Server Error' }, { status: 500 }");
    expect(route).not.toMatch(/\.message\b/);

    const after = JSON.parse((await runAsync(['scan', app, '--only', ERROR_CHECKS, '--format', 'json'])).stdout);
    expect(after.findings.filter((f: { ruleId: string }) => f.ruleId === 'error-details-leaked')).toEqual([]);
    const again = await runAsync(['fix', app, '--yes', '--only', ERROR_CHECKS, '--allow-dirty']);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(path.join(app, 'app/api/orders/route.ts'), 'utf8')).toBe(route);
  }, 240_000);
});
