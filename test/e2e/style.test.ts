import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { newFileStyle } from '../../src/engine/project-style.ts';
import { FIXTURES, checksums, cleanTempDirs, copyFixture, git, gitInit, readTree, runAsync, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const CODE = /\.[cm]?[jt]sx?$/;

/**
 * The fixture apps are stored with LF (git may convert line endings on checkout); the Windows
 * projects here are made from them by converting every file, as an editor set to CRLF writes them.
 */
function toCrlf(root: string): string {
  for (const [file, text] of Object.entries(readTree(root))) writeFileSync(path.join(root, file), text.replace(/\r?\n/g, '\r\n'));
  return root;
}

/** Files the working tree has that the first commit did not. */
function createdFiles(root: string): string[] {
  return git(root, 'ls-files', '--others', '--exclude-standard').split('\n').filter(Boolean).sort();
}

const lfOnlyLines = (text: string) =>
  text
    .split('\n')
    .slice(0, -1)
    .filter((line) => !line.endsWith('\r')).length;

describe('files shipshape creates follow the project style', () => {
  it('a CRLF project with double quotes and no semicolons gets CRLF, double-quoted, semicolon-free new files, and a second run changes nothing', async () => {
    const app = gitInit(toCrlf(copyFixture(path.join(FIXTURES, 'apps', 'windows-style'))));
    const first = await runAsync(['fix', app, '--yes', '--all']);
    expect(first.code).toBe(0);
    const created = createdFiles(app);
    expect(created.map((file) => file.replace(/\d{14}/, '<time>'))).toEqual([
      '.env.example',
      '.gitignore',
      'app/actions/openai.ts',
      'app/global-error.tsx',
      'instrumentation.ts',
      'lib/db.ts',
      'lib/prisma.ts',
      'lib/rate-limit.ts',
      'migrations/<time>_rate_limits.sql',
      'migrations/rollbacks/<time>_rate_limits.sql',
    ]);
    for (const file of created) {
      const text = readFileSync(path.join(app, file), 'utf8');
      expect(lfOnlyLines(text), `${file} has only CRLF line breaks`).toBe(0);
      if (!CODE.test(file)) continue;
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, `${file} is double-quoted`).not.toContain("'");
      expect(code, `${file} has no semicolons`).not.toMatch(/;\r?$/m);
    }
    expect(readFileSync(path.join(app, 'lib/db.ts'), 'utf8')).toContain('\r\nimport { Pool } from "pg"\r\n');
    expect(readFileSync(path.join(app, 'app/actions/openai.ts'), 'utf8')).toMatch(/^"use server"\r\nimport "server-only"\r\n/);
    expect(readFileSync(path.join(app, '.gitignore'), 'utf8')).toBe(
      '# Env files hold secrets; only the templates are committed.\r\n.env*\r\n!.env.example\r\n.shipshape/\r\n',
    );
    // Edited files keep their line endings too.
    for (const file of git(app, 'diff', '--name-only', '--diff-filter=M').split('\n').filter(Boolean)) {
      expect(lfOnlyLines(readFileSync(path.join(app, file), 'utf8')), `${file} keeps CRLF`).toBe(0);
    }

    const before = checksums(app);
    const second = await runAsync(['fix', app, '--yes', '--all', '--allow-dirty']);
    expect(second.code).toBe(0);
    expect(checksums(app)).toEqual(before);
  }, 240_000);

  it('a project with a .prettierrc gets new files formatted by prettier with its config, endOfLine included', async () => {
    const app = copyFixture(path.join(FIXTURES, 'apps', 'windows-style'));
    const config = { semi: true, singleQuote: true, tabWidth: 4, endOfLine: 'crlf' as const };
    writeFileSync(path.join(app, '.prettierrc'), `${JSON.stringify(config)}\n`);
    gitInit(app);
    const first = await runAsync(['fix', app, '--yes', '--all']);
    expect(first.code).toBe(0);
    const created = createdFiles(app).filter((file) => CODE.test(file));
    expect(created).toEqual([
      'app/actions/openai.ts',
      'app/global-error.tsx',
      'instrumentation.ts',
      'lib/db.ts',
      'lib/prisma.ts',
      'lib/rate-limit.ts',
    ]);
    for (const file of created) {
      const text = readFileSync(path.join(app, file), 'utf8');
      expect(await prettier.check(text, { ...config, filepath: path.join(app, file) }), `${file} is formatted as prettier would`).toBe(
        true,
      );
      expect(lfOnlyLines(text)).toBe(0);
    }
    expect(readFileSync(path.join(app, 'lib/db.ts'), 'utf8')).toContain(
      "\r\nif (process.env.NODE_ENV !== 'production') globalForDb.pgPool = pool;\r\n",
    );
    expect(readFileSync(path.join(app, 'app/actions/openai.ts'), 'utf8')).toContain('\r\n    apiKey: process.env.OPENAI_API_KEY,\r\n');

    const before = checksums(app);
    expect((await runAsync(['fix', app, '--yes', '--all', '--allow-dirty'])).code).toBe(0);
    expect(checksums(app)).toEqual(before);
  }, 240_000);

  it('sql --yes writes CRLF migrations into a CRLF project, verify applies them, and a second run writes nothing', async () => {
    const app = gitInit(toCrlf(copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'))));
    const generated = await runAsync(['sql', app, '--yes']);
    expect(generated.code).toBe(0);
    const created = createdFiles(app).filter((file) => file.endsWith('.sql'));
    expect(created.length).toBe(8);
    for (const file of created)
      expect(lfOnlyLines(readFileSync(path.join(app, file), 'utf8')), `${file} has only CRLF line breaks`).toBe(0);
    expect((await runAsync(['verify', app])).code).toBe(0);
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'migrations');
    expect((await runAsync(['sql', app, '--yes'])).stdout).toContain('Nothing to generate');
  }, 240_000);
});

describe('newFileStyle', () => {
  const code = {
    'lib/a.ts': 'import x from "x"\n\nexport function a() {\n\treturn x\n}\n',
    'lib/b.ts': 'import y from "y"\n\nexport function b() {\n\treturn y\n}\n',
    'lib/c.ts': "import z from 'z';\n\nexport function c() {\n  return z;\n}\n",
  };
  const project = (files: Record<string, string>) => {
    const root = writeTree(files);
    return { root, files: Object.keys(files).sort() };
  };

  it('takes the majority of the project files of the same kind', async () => {
    const style = await newFileStyle(project({ ...code, 'db/1.sql': 'select 1;\r\nselect 2;\r\n' }), 'lib/new.ts');
    expect(style).toEqual({ quote: 'double', semicolons: false, tabs: true, lineEnding: '\n' });
    expect((await newFileStyle(project({ ...code, 'db/1.sql': 'select 1;\r\nselect 2;\r\n' }), 'db/2.sql')).lineEnding).toBe('\r\n');
  });

  it('gives a file of a kind the project has none of the line endings of its code', async () => {
    const crlf = Object.fromEntries(Object.entries(code).map(([file, text]) => [file, text.replace(/\n/g, '\r\n')]));
    expect((await newFileStyle(project(crlf), '.env.example')).lineEnding).toBe('\r\n');
    expect((await newFileStyle(project({ ...crlf, '.env.local': 'A=1\nB=2\n' }), '.env.example')).lineEnding).toBe('\n');
  });

  it('lets .editorconfig decide line endings and indentation over the files', async () => {
    const files = {
      ...code,
      '.editorconfig': 'root = true\n\n[*]\nend_of_line = crlf\nindent_style = space\n\n[*.sql]\nend_of_line = lf\n',
    };
    expect(await newFileStyle(project(files), 'lib/new.ts')).toEqual({
      quote: 'double',
      semicolons: false,
      tabs: false,
      lineEnding: '\r\n',
    });
    expect((await newFileStyle(project(files), 'supabase/migrations/1.sql')).lineEnding).toBe('\n');
  });

  it('lets a prettier config, in package.json too, decide over .editorconfig and the files', async () => {
    const editorconfig = 'root = true\n[*]\nend_of_line = crlf\n';
    const inPackage = {
      ...code,
      '.editorconfig': editorconfig,
      'package.json': JSON.stringify({ name: 'x', prettier: { singleQuote: true, useTabs: false } }),
    };
    expect(await newFileStyle(project(inPackage), 'lib/new.ts')).toEqual({
      quote: 'single',
      semicolons: true,
      tabs: false,
      lineEnding: '\r\n',
    });
    const rc = { ...code, '.editorconfig': editorconfig, '.prettierrc': '{ "semi": false, "endOfLine": "lf" }\n' };
    expect(await newFileStyle(project(rc), 'lib/new.ts')).toEqual({ quote: 'double', semicolons: false, tabs: true, lineEnding: '\n' });
  });

  it('samples a large project', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 300 }, (_, index) => [
        `lib/m${String(index).padStart(3, '0')}.ts`,
        index % 10 === 0 ? "export const a = 'a';\n" : 'export const a = "a"\r\nexport const b = "b"\r\n',
      ]),
    );
    expect(await newFileStyle(project(many), 'lib/new.ts')).toEqual({
      quote: 'double',
      semicolons: false,
      tabs: false,
      lineEnding: '\r\n',
    });
  });
});
