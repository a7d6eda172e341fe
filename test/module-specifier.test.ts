import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aliasImportOf, moduleSpecifiers } from '../src/analysis/module-specifier.ts';
import { cleanTempDirs, tempDir } from './helpers.ts';

afterAll(cleanTempDirs);

/** A project on disk (tsconfig is read from there) whose files the fix reads as planned: `files` plus `created`. */
function specifierIn(files: Record<string, string>, created: Record<string, string> = {}) {
  const root = tempDir();
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const planned: Record<string, string> = { ...files, ...created };
  // As the fix's reader does, a folder is refused: reading one fails.
  const read = (file: string) => {
    if (statSync(path.join(root, file), { throwIfNoEntry: false })?.isDirectory()) throw new Error(`EISDIR: ${file}`);
    return planned[file] ?? null;
  };
  return moduleSpecifiers({ root, files: Object.keys(files).sort() }, { read });
}

const SRC_ALIAS = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } });

describe('moduleSpecifiers names a project module as the code around it does', () => {
  it('through the alias the file already uses, resolved back to the module by tsconfig', () => {
    const specifier = specifierIn(
      {
        'tsconfig.json': SRC_ALIAS,
        'src/app/api/chat/route.ts': "import { db } from '@/lib/db';\nimport { createServerClient } from '@supabase/ssr';\n",
        'src/lib/db.ts': 'export const db = 1;\n',
        'src/lib/auth/index.ts': 'export const auth = 1;\n',
        'scripts/seed.ts': 'export {};\n',
      },
      { 'src/lib/rate-limit.ts': 'export const rateLimit = 1;\n' },
    );
    expect(specifier('src/app/api/chat/route.ts', 'src/lib/rate-limit.ts')).toBe('@/lib/rate-limit');
    expect(specifier('src/app/api/chat/route.ts', 'src/lib/auth/index.ts')).toBe('@/lib/auth');
    // Outside the folder the alias stands for: relative.
    expect(specifier('src/app/api/chat/route.ts', 'scripts/seed.ts')).toBe('../../../../scripts/seed');
  });

  it('relative where the file imports the project relatively, with `.js` where those imports name it', () => {
    const specifier = specifierIn({
      'tsconfig.json': SRC_ALIAS,
      'src/server/a.ts': "import { b } from './b.js';\n",
      'src/server/b.ts': 'export const b = 1;\n',
      'src/lib/c.ts': "import { d } from '../server/b';\n",
      'src/lib/rate-limit.ts': 'export {};\n',
    });
    expect(specifier('src/server/a.ts', 'src/lib/rate-limit.ts')).toBe('../lib/rate-limit.js');
    expect(specifier('src/lib/c.ts', 'src/lib/rate-limit.ts')).toBe('./rate-limit');
  });

  it('relative where `@/` resolves to nothing: no paths in tsconfig, or a scoped package', () => {
    const noPaths = specifierIn({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
      'app/page.tsx': "import { db } from '@/lib/db';\n",
      'lib/db.ts': 'export const db = 1;\n',
      'lib/rate-limit.ts': 'export {};\n',
    });
    expect(noPaths('app/page.tsx', 'lib/rate-limit.ts')).toBe('../lib/rate-limit');
    const packagesOnly = specifierIn({
      'tsconfig.json': SRC_ALIAS,
      'src/app/page.tsx': "import { createClient } from '@supabase/supabase-js';\n",
      'src/lib/rate-limit.ts': 'export {};\n',
    });
    expect(packagesOnly('src/app/page.tsx', 'src/lib/rate-limit.ts')).toBe('../lib/rate-limit');
  });

  it("takes the style of the files beside one that imports nothing of the project's", () => {
    const specifier = specifierIn({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./*'] } } }),
      'app/api/a/route.ts': "import { NextResponse } from 'next/server';\n",
      'app/api/a/helpers.ts': "import { db } from '~/lib/db';\n",
      'lib/db.ts': 'export const db = 1;\n',
      'lib/rate-limit.ts': 'export {};\n',
    });
    expect(specifier('app/api/a/route.ts', 'lib/rate-limit.ts')).toBe('~/lib/rate-limit');
  });
});

describe('aliasImportOf', () => {
  it("finds how the project's files import a module through an alias, and nothing where they import it relatively", () => {
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
      'lib/session.ts': 'export async function getCurrentUser() {}\n',
      'lib/db.ts': 'export const db = 1;\n',
      'app/page.tsx': "import { getCurrentUser } from '@/lib/session';\n",
      'app/admin/page.tsx': "import { db } from '../../lib/db';\n",
    };
    const root = tempDir();
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const project = { root, files: Object.keys(files).sort() };
    const planned = { read: (file: string) => files[file] ?? null };
    expect(aliasImportOf(project, planned, 'lib/session.ts')).toBe('@/lib/session');
    expect(aliasImportOf(project, planned, 'lib/db.ts')).toBeNull();
  });
});
