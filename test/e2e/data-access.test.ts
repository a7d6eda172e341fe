import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/engine/parse.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, git, gitInit, readTree, runAsync, tempDir } from '../helpers.ts';
import { typeErrors } from '../typecheck.ts';

/**
 * pg, postgres.js and supabase-js bring their real types (dev dependencies here). Two do not:
 * Prisma's are generated from the schema by `prisma generate`, which downloads engines, and
 * next's come with a 250 MB install. For those two, the shapes the app uses.
 */
const STUBS = `
declare module '@prisma/client' {
  export class PrismaClient {
    constructor(options?: { log?: Array<'query' | 'info' | 'warn' | 'error'> });
    task: { findMany(args?: { where?: { title?: { contains?: string } }; orderBy?: { id?: 'asc' | 'desc' }; take?: number }): Promise<Array<{ id: string; title: string }>> };
    $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
    $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
    $disconnect(): Promise<void>;
  }
}
declare module 'next' {
  export interface NextApiRequest { query: Partial<Record<string, string | string[]>> }
  export interface NextApiResponse { json(body: unknown): void; status(code: number): NextApiResponse }
}
`;

function stubs(): string {
  const file = path.join(tempDir(), 'shipshape-stubs.d.ts');
  writeFileSync(file, STUBS);
  return file;
}

afterAll(cleanTempDirs);

/** tsc over the app's real pg, postgres.js and supabase-js types twice, and fix re-scanning until nothing new comes. */
const TWO_TYPE_CHECKS_AND_A_FIXPOINT = 180_000;

const FIXED_RULES = [
  'prisma-client-per-request',
  'prisma-client-duplicated',
  'db-connection-per-request',
  'raw-sql-interpolation',
  'unbounded-query',
  'fetch-without-timeout',
];

describe('fix --yes on the data-access app', () => {
  it(
    'leaves one cached PrismaClient, a pool, parameters, page sizes and timeouts, in files that parse, and a second run changes nothing',
    async () => {
      const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'data-access')));
      symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
      expect(typeErrors(app, [stubs()])).toEqual([]);
      const before = JSON.parse((await runAsync(['scan', app, '--only', 'data-access', '--format', 'json'])).stdout);
      expect(new Set(before.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(
        new Set([...FIXED_RULES, 'serverless-db-url-without-pooler']),
      );

      const fixed = await runAsync(['fix', app, '--yes', '--all']);
      expect(fixed.code).toBe(0);
      const after = JSON.parse((await runAsync(['scan', app, '--only', 'data-access', '--format', 'json'])).stdout);
      // Only the real .env value is left, which shipshape never edits: it says what to change instead.
      expect(after.findings.map((f: { ruleId: string; file: string }) => [f.ruleId, f.file])).toEqual([
        ['serverless-db-url-without-pooler', '.env.local'],
      ]);
      expect(fixed.stdout).toContain('add ?pgbouncer=true&connection_limit=1 to DATABASE_URL');

      const tree = readTree(app, (rel) => rel.startsWith('.git/') || rel.startsWith('.shipshape/') || rel.startsWith('node_modules'));
      const sources = Object.entries(tree).filter(([file]) => /\.(tsx?|jsx?)$/.test(file));
      const constructions = sources.flatMap(([file, text]) => (text.match(/new PrismaClient\(/g) ?? []).map(() => file));
      expect(constructions).toEqual(['lib/prisma.ts']);
      expect(tree['lib/prisma.ts']).toContain('globalForPrisma.prisma ?? new PrismaClient(');
      expect(sources.filter(([, text]) => /new Client\(/.test(text))).toEqual([]);
      expect(tree['app/api/search/route.ts']).toContain('signal: AbortSignal.timeout(10000)');
      expect(tree['components/Orders.tsx']).toContain(".order('id', { ascending: false }).range(0, 99)");
      expect(tree['prisma/schema.prisma']).toContain('directUrl = env("DIRECT_URL")');
      for (const [file, text] of sources) expect(() => parseSource(file, text), file).not.toThrow();

      expect(typeErrors(app, [stubs()])).toEqual([]);

      git(app, 'add', '-A');
      git(app, 'commit', '-q', '-m', 'fixed');
      const again = await runAsync(['fix', app, '--yes', '--all']);
      expect(again.code).toBe(0);
      expect(git(app, 'status', '--porcelain')).toBe('');
    },
    TWO_TYPE_CHECKS_AND_A_FIXPOINT,
  );
});
