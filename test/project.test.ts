import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project/load-project.ts';
import { packageNameOf } from '../src/project/dependencies.ts';
import { CHECK_IDS } from '../src/registry.ts';
import { FIXTURES, cleanTempDirs, copyFixture, gitInit, runAsync, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

const load = (root: string) => loadProject(root, { knownCheckIds: CHECK_IDS });

describe('loadProject', () => {
  it('detects what the prototype is made of', () => {
    const project = load(gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype'))));
    const [pkg] = project.packages;
    expect(project.packages).toHaveLength(1);
    expect(pkg).toMatchObject({
      dir: '',
      name: 'taskpilot',
      next: { range: '14.2.3', installed: null },
      routers: ['pages', 'app'],
      packageManager: null,
      lockfile: null,
      databases: ['prisma', 'supabase-js'],
      prismaSchema: 'prisma/schema.prisma',
      supabaseMigrations: 'supabase/migrations',
      aliases: { patterns: ['@/*'], baseUrlEntries: [] },
    });
    expect(project.envFiles.map((env) => [env.path, env.tracked, env.ignored])).toEqual([
      ['.env.example', true, false],
      ['.env.local', true, false],
    ]);
    expect(project.envFiles[1]!.variables.map((v) => v.name)).toEqual([
      'NEXT_PUBLIC_SUPABASE_URL',
      'NEXT_PUBLIC_SUPABASE_ANON_KEY',
      'SUPABASE_SERVICE_ROLE_KEY',
      'OPENAI_API_KEY',
      'DATABASE_URL',
    ]);
    expect(project.skipped).toEqual([{ path: 'public/logo.png', reason: 'binary' }]);
  });

  it('lists files from git, honouring .gitignore, and reads ignored env files anyway', () => {
    const root = writeTree({
      'package.json': '{}',
      '.gitignore': 'generated/\n.env*\n',
      'src/a.ts': '',
      'generated/b.ts': '',
      'dist/c.js': '',
      'node_modules/d/index.js': '',
      '.next/e.js': '',
      '.env.production': 'SECRET=1\n',
    });
    gitInit(root, false);
    const inGit = load(root);
    expect(inGit.files).toEqual(['.gitignore', 'package.json', 'src/a.ts']);
    expect(inGit.envFiles).toMatchObject([{ path: '.env.production', ignored: true, tracked: false }]);
  });

  it('walks a folder that git ignores as a whole', () => {
    const root = gitInit(writeTree({ '.gitignore': 'vendor/\n', 'vendor/app/package.json': '{}', 'vendor/app/index.js': '' }));
    expect(load(path.join(root, 'vendor/app')).files).toEqual(['index.js', 'package.json']);
  });

  it('walks the tree outside git, honouring nested .gitignore files', () => {
    const root = writeTree({
      'package.json': '{}',
      '.gitignore': '*.log\n',
      'pkg/.gitignore': 'tmp/\n',
      'pkg/tmp/x.ts': '',
      'pkg/y.ts': '',
      'debug.log': '',
      'build/z.js': '',
    });
    expect(load(root).files).toEqual(['.gitignore', 'package.json', 'pkg/.gitignore', 'pkg/y.ts']);
  });

  it('outside git, finds every env file and judges it by the .gitignore rules, negations and CRLF included', () => {
    const root = writeTree({
      'package.json': '{}',
      '.gitignore': '.env*\r\n!.env.example\r\n',
      '.env.local': 'A=1\n',
      '.env.example': 'A=\n',
      'apps/web/.env': 'B=2\n',
      'node_modules/x/.env': 'C=3\n',
    });
    const project = load(root);
    expect(project.envFiles.map((env) => [env.path, env.ignored])).toEqual([
      ['.env.example', false],
      ['.env.local', true],
      ['apps/web/.env', true],
    ]);
    expect(project.files).toEqual(['.env.example', '.gitignore', 'package.json']);
  });

  it('finds each app of a workspace and its lockfile, reporting paths from the scanned root', () => {
    const root = writeTree({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '15.1.0', pg: '8.0.0', mongoose: '8' } }),
      'apps/web/src/app/page.tsx': '',
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { 'drizzle-orm': '1', postgres: '3', mysql2: '3' } }),
    });
    mkdirSync(path.join(root, 'apps/web/node_modules/next'), { recursive: true });
    writeFileSync(path.join(root, 'apps/web/node_modules/next/package.json'), '{"version":"15.1.3"}');
    const project = load(root);
    const byDir = Object.fromEntries(project.packages.map((p) => [p.dir, p]));
    expect(Object.keys(byDir).sort()).toEqual(['', 'apps/api', 'apps/web']);
    expect(byDir['apps/web']).toMatchObject({
      workspaceRoot: '',
      lockfile: 'pnpm-lock.yaml',
      packageManager: 'pnpm',
      routers: ['src/app'],
      next: { range: '15.1.0', installed: '15.1.3' },
      databases: ['mongoose', 'pg'],
    });
    expect(byDir['apps/api']!.databases).toEqual(['drizzle', 'mysql2', 'postgres.js']);
    expect(byDir['']!.isWorkspaceRoot).toBe(true);
  });

  it('finds the lockfile of the workspace when one app of it is scanned', () => {
    const root = gitInit(
      writeTree({
        'package.json': JSON.stringify({ name: 'mono', workspaces: ['apps/*'] }),
        'package-lock.json': '{}',
        'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '15' } }),
      }),
    );
    const [pkg] = load(path.join(root, 'apps/web')).packages;
    expect(pkg).toMatchObject({ lockfile: '../../package-lock.json', lockfileOutsideRoot: true, packageManager: 'npm' });
  });
});

describe('a tsconfig that extends a package not installed', () => {
  // Before `npm install`, or in a workspace whose shared config is a package of its own: the app's own options still hold.
  const tsconfig = `{
  // the app's own options, after a base config the scan cannot find
  "extends": "@tsconfig/strictest/tsconfig.json",
  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] }, },
}
`;
  const app = () =>
    writeTree({
      'package.json': '{"name":"extends-missing","dependencies":{"next":"15.0.0","react":"19.0.0"}}',
      'tsconfig.json': tsconfig,
      'src/lib/admin.ts': 'export const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;\n',
      'src/app/page.tsx':
        "'use client';\nimport { serviceKey } from '@/lib/admin';\nexport default function Page() {\n  return <p>{serviceKey.length}</p>;\n}\n",
    });

  it('loads the project with the aliases the file itself declares', () => {
    const { aliases } = load(app()).packages[0]!;
    expect(aliases.patterns).toEqual(['@/*']);
    expect(aliases.baseUrlEntries).toContain('src');
  });

  it('scans without an error and follows the alias into browser code', async () => {
    const { code, stdout, stderr } = await runAsync(['scan', app(), '--format', 'json']);
    expect(code, stderr).toBe(1);
    const findings = (JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string }> }).findings;
    expect(findings.filter((f) => f.ruleId === 'secret-in-client-code').map((f) => f.file)).toEqual(['src/lib/admin.ts']);
  });
});

describe('packageNameOf', () => {
  it.each([
    ['react', 'react'],
    ['react-dom/client', 'react-dom'],
    ['@supabase/supabase-js', '@supabase/supabase-js'],
    ['@tanstack/react-query/devtools', '@tanstack/react-query'],
    ['./local', null],
    ['/abs', null],
    ['node:fs', null],
    ['@/lib/x', null],
    ['~/components', null],
    ['#internal', null],
    ['https://esm.sh/x', null],
  ])('%s → %s', (specifier, expected) => {
    expect(packageNameOf(specifier)).toBe(expected);
  });
});
