import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/engine/parse.ts';
import { FIXTURES, cleanTempDirs, copyFixture, git, gitInit, readTree, run } from '../helpers.ts';

afterAll(cleanTempDirs);

const FIXED_RULES = ['prisma-client-per-request', 'prisma-client-duplicated', 'db-connection-per-request', 'raw-sql-interpolation', 'unbounded-query', 'fetch-without-timeout'];

describe('fix --yes on the data-access app', () => {
  it('leaves one cached PrismaClient, a pool, parameters, page sizes and timeouts, in files that parse, and a second run changes nothing', () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'data-access')));
    const before = JSON.parse(run(['scan', app, '--only', 'data-access', '--format', 'json']).stdout);
    expect(new Set(before.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set([...FIXED_RULES, 'serverless-db-url-without-pooler']));

    const fixed = run(['fix', app, '--yes', '--all']);
    expect(fixed.code).toBe(0);
    const after = JSON.parse(run(['scan', app, '--only', 'data-access', '--format', 'json']).stdout);
    // Only the real .env value is left, which shipshape never edits: it says what to change instead.
    expect(after.findings.map((f: { ruleId: string; file: string }) => [f.ruleId, f.file])).toEqual([['serverless-db-url-without-pooler', '.env.local']]);
    expect(fixed.stdout).toContain('add ?pgbouncer=true&connection_limit=1 to DATABASE_URL');

    const tree = readTree(app, (rel) => rel.startsWith('.git/') || rel.startsWith('.shipshape/'));
    const sources = Object.entries(tree).filter(([file]) => /\.(tsx?|jsx?)$/.test(file));
    const constructions = sources.flatMap(([file, text]) => (text.match(/new PrismaClient\(/g) ?? []).map(() => file));
    expect(constructions).toEqual(['lib/prisma.ts']);
    expect(tree['lib/prisma.ts']).toContain('globalForPrisma.prisma ?? new PrismaClient(');
    expect(sources.filter(([, text]) => /new Client\(/.test(text))).toEqual([]);
    expect(tree['app/api/search/route.ts']).toContain('signal: AbortSignal.timeout(10000)');
    expect(tree['components/Orders.tsx']).toContain('.range(0, 99)');
    expect(tree['prisma/schema.prisma']).toContain('directUrl = env("DIRECT_URL")');
    for (const [file, text] of sources) expect(() => parseSource(file, text), file).not.toThrow();

    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'fixed');
    const again = run(['fix', app, '--yes', '--all']);
    expect(again.code).toBe(0);
    expect(git(app, 'status', '--porcelain')).toBe('');
  });
});
