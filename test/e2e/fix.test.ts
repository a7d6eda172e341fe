import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, git, gitInit, readTree, runAsync, tempDir, writeTree } from '../helpers.ts';
import { KEYS, driveCli } from '../pty.ts';
import { printableDiff } from '../../src/engine/diff.ts';
import { rememberEnvValues } from '../../src/secrets/redact.ts';

afterAll(cleanTempDirs);

/** The type gate parses the app's declarations (next, react, node) once: seconds on a loaded two-core machine. */
const TYPE_CHECK_TIMEOUT = 240_000;

/** The prototype with an installed openai, so one dependency has a version to pin. */
function prototype(): string {
  const app = copyFixture(path.join(FIXTURES, 'apps', 'prototype'));
  mkdirSync(path.join(app, 'node_modules', 'openai'), { recursive: true });
  writeFileSync(path.join(app, 'node_modules', 'openai', 'package.json'), JSON.stringify({ name: 'openai', version: '4.52.0' }));
  return gitInit(app);
}

const snapshot = (dir: string) => readTree(dir, (rel) => rel.startsWith('.git/') || rel.startsWith('node_modules/'));

describe('shipshape fix --dry-run and --patch', () => {
  it('prints one git-applicable diff of the safe fixes and writes nothing', async () => {
    const app = prototype();
    const before = snapshot(app);
    const { code, stdout, stderr } = await runAsync(['fix', app, '--dry-run']);
    expect(code).toBe(0);
    expect(snapshot(app)).toEqual(before);
    expect(stdout).toContain('diff --git a/.gitignore b/.gitignore');
    expect(stdout).toContain('+    "openai": "^4.52.0",');
    expect(stdout).not.toContain('next.config.js');
    expect(stderr).toContain('not applied without review: remove-build-error-ignores');
    expect(stderr).toContain('npm install clsx date-fns');
    const patch = path.join(tempDir(), 'fix.patch');
    writeFileSync(patch, stdout);
    execFileSync('git', ['apply', '--check', patch], { cwd: app });
  });

  it('includes the fixes that need review with --all, and --patch writes the same diff to a file', async () => {
    const app = prototype();
    const dry = (await runAsync(['fix', app, '--dry-run', '--all'])).stdout;
    expect(dry).toContain('diff --git a/next.config.js b/next.config.js');
    expect(dry).toContain('-    ignoreBuildErrors: true,');
    const patch = path.join(tempDir(), 'all.patch');
    const { code, stdout } = await runAsync(['fix', app, '--patch', patch, '--all']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    // The printed diff masks secrets, env values among them; the patch file is exact, and equal to it once masked.
    rememberEnvValues(app, [{ path: '.env' }, { path: '.env.local' }, { path: '.env.example' }]);
    expect(printableDiff(readFileSync(patch, 'utf8')).text).toBe(dry);
    git(app, 'apply', patch);
    expect((await runAsync(['fix', app, '--dry-run', '--all'])).stdout).toBe('');
  });
});

describe('shipshape fix --yes', () => {
  it('applies the safe fixes, journals the originals, and a second run changes nothing', async () => {
    const app = prototype();
    const { code, stdout } = await runAsync(['fix', app, '--yes']);
    expect(code).toBe(0);
    expect(stdout).toContain('changed: 5 file(s)');
    expect(readFileSync(path.join(app, '.env.example'), 'utf8')).toContain('DIRECT_URL=');
    expect(readFileSync(path.join(app, '.env.local'), 'utf8')).toContain('db.abcdefghijklmnop.supabase.co:5432');
    expect(readFileSync(path.join(app, 'pages/index.tsx'), 'utf8')).toContain(".select('*').order('id').range(0, 99)");
    expect(readFileSync(path.join(app, 'lib/prisma.ts'), 'utf8')).toContain('globalForPrisma.prisma ?? new PrismaClient()');
    expect(stdout).toContain('rotate  rotate every secret in .env.local');
    expect(stdout).toContain('git rm --cached .env.local');
    expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).dependencies.openai).toBe('^4.52.0');
    const gitignore = readFileSync(path.join(app, '.gitignore'), 'utf8');
    expect(gitignore).toContain('.env*\n!.env.example\n');
    expect(gitignore).toContain('.shipshape/\n');
    expect(readFileSync(path.join(app, 'next.config.js'), 'utf8')).toContain('ignoreBuildErrors: true');
    const journals = readdirSync(path.join(app, '.shipshape', 'undo'));
    expect(journals).toHaveLength(1);
    expect(git(app, 'status', '--porcelain')).not.toContain('.shipshape');

    const after = snapshot(app);
    const second = await runAsync(['fix', app, '--yes']);
    expect(second.code).toBe(0);
    expect(snapshot(app)).toEqual(after);
    expect(readdirSync(path.join(app, '.shipshape', 'undo'))).toHaveLength(1);
  });

  it('undo restores the originals and refuses to overwrite later edits without --force', async () => {
    const app = prototype();
    const before = snapshot(app);
    await runAsync(['fix', app, '--yes', '--all']);
    expect(snapshot(app)).not.toEqual(before);
    writeFileSync(path.join(app, 'package.json'), '{"edited": true}\n');
    const refused = await runAsync(['undo', app]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('files changed since the last apply: package.json');
    const forced = await runAsync(['undo', app, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('restored 14 file(s)');
    expect(snapshot(app)).toEqual(before);
    const nothing = await runAsync(['undo', app]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to undo');
  });

  it('refuses a dirty git tree, listing the files, unless --allow-dirty', async () => {
    const app = prototype();
    writeFileSync(path.join(app, 'notes.txt'), 'wip\n');
    writeFileSync(path.join(app, 'lib/prisma.ts'), '// wip\n');
    const before = snapshot(app);
    const refused = await runAsync(['fix', app, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes: lib/prisma.ts, notes.txt');
    expect(refused.stderr).toContain('--allow-dirty');
    expect(snapshot(app)).toEqual(before);
    expect((await runAsync(['fix', app, '--yes', '--allow-dirty'])).code).toBe(0);
    expect(snapshot(app)).not.toEqual(before);
  });

  it('warns outside git and goes on', async () => {
    const app = copyFixture(path.join(FIXTURES, 'apps', 'prototype'));
    const { code, stderr } = await runAsync(['fix', app, '--yes']);
    expect(code).toBe(0);
    expect(stderr).toContain('not a git repository');
    expect(readFileSync(path.join(app, '.gitignore'), 'utf8')).toContain('.env*');
  });

  it('runs prettier on touched files only, with the project config', async () => {
    const app = gitInit(
      writeTree({
        'package.json': '{"name":"p","dependencies":{"next":"14.2.3"}}\n',
        'package-lock.json': '{"lockfileVersion":3,"packages":{"node_modules/zod":{"version":"3.23.8"}}}\n',
        '.prettierrc': '{ "useTabs": true }\n',
        'untouched.js': 'const   a =  1\n',
        'index.js': "import { z } from 'zod';\nexport default z;\n",
      }),
    );
    expect((await runAsync(['fix', app, '--yes'])).code).toBe(0);
    expect(readFileSync(path.join(app, 'package.json'), 'utf8')).toBe(
      '{\n\t"name": "p",\n\t"dependencies": {\n\t\t"next": "14.2.3",\n\t\t"zod": "^3.23.8"\n\t}\n}\n',
    );
    expect(readFileSync(path.join(app, 'untouched.js'), 'utf8')).toBe('const   a =  1\n');
  });

  it("takes answers from --option, then the config, then the question's default", async () => {
    const app = prototype();
    expect((await runAsync(['fix', app, '--dry-run', '--option', 'versionRange=tilde'])).stdout).toContain('+    "openai": "~4.52.0",');
    const bad = await runAsync(['fix', app, '--dry-run', '--option', 'versionRange=loose']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('option versionRange must be one of "caret", "tilde", "exact", got "loose"');
    writeFileSync(path.join(app, 'shipshape.config.json'), JSON.stringify({ answers: { versionRange: 'exact' } }));
    expect((await runAsync(['fix', app, '--dry-run'])).stdout).toContain('+    "openai": "4.52.0",');
  });

  it('validates a number answer given with --option', async () => {
    const app = gitInit(
      writeTree({
        'package.json': '{"name":"w","dependencies":{}}\n',
        'package-lock.json': '{}\n',
        'api.ts': "export const get = async () => (await fetch('https://example.org/x')).json();\n",
      }),
    );
    const bad = await runAsync(['fix', app, '--yes', '--option', 'timeoutMs=soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('option timeoutMs must be a whole number from 100 to 600000, got "soon"');
    expect((await runAsync(['fix', app, '--yes', '--option', 'timeoutMs=2500'])).code).toBe(0);
    expect(readFileSync(path.join(app, 'api.ts'), 'utf8')).toContain(
      "fetch('https://example.org/x', { signal: AbortSignal.timeout(2500) })",
    );
  });

  it('leaves a file that does not parse alone and still fixes the rest', async () => {
    const app = gitInit(
      writeTree({
        'package.json': '{"name":"p","dependencies":{"next":"14.2.3","@prisma/client":"5"}}\n',
        'package-lock.json': '{}\n',
        'pages/api/a.ts':
          "import { PrismaClient } from '@prisma/client';\nexport default async function a() {\n  const prisma = new PrismaClient();\n  return prisma.task.count();\n}\n",
        'lib/broken.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient(\n",
      }),
    );
    const { code, stdout } = await runAsync(['fix', app, '--yes']);
    expect(code).toBe(0);
    expect(stdout).toContain('created lib/prisma.ts');
    expect(readFileSync(path.join(app, 'pages/api/a.ts'), 'utf8')).toContain("import { prisma } from '../../lib/prisma';");
    expect(readFileSync(path.join(app, 'lib/broken.ts'), 'utf8')).toBe(
      "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient(\n",
    );
  });

  it('needs a terminal for the wizard', async () => {
    const { code, stderr } = await runAsync(['fix', prototype()]);
    expect(code).toBe(2);
    expect(stderr).toContain('the fix wizard needs a terminal');
    expect(stderr).toContain('--yes, --dry-run or --patch');
  });

  it('says there is nothing to fix on a clean app', async () => {
    const app = gitInit(writeTree({ 'package.json': '{"name":"ok","dependencies":{}}\n', 'index.js': 'export {};\n' }));
    const { code, stderr } = await runAsync(['fix', app, '--yes']);
    expect(code).toBe(0);
    expect(stderr).toContain('Nothing to fix');
    expect(existsSync(path.join(app, '.shipshape'))).toBe(false);
  });
});

/** multipass's .env.example once every fix has run: the renamed variables, none of the old public names. */
const ENV_EXAMPLE = 'NEXT_PUBLIC_SUPABASE_URL=\n\n# Server only\nDATABASE_URL=\nOPENAI_API_KEY=\nSUPABASE_SERVICE_ROLE_KEY=\n';

describe('fix plans until nothing new comes', () => {
  const multipass = () => gitInit(copyFixture(path.join(FIXTURES, 'apps', 'multipass')));

  it('plans on the re-scanned result: renamed variables, the pool in the migrated route, and a second run changes nothing', async () => {
    const app = multipass();
    const { code, stdout } = await runAsync(['fix', app, '--yes', '--all']);
    expect(code).toBe(0);
    // The pg query in the migrated route stays unpaged: no schema gives its table's key.
    expect(stdout).toContain('fixed 10 of 10 finding(s); 1 remain (1 medium)');
    expect(readFileSync(path.join(app, '.env.example'), 'utf8')).toBe(ENV_EXAMPLE);
    expect(existsSync(path.join(app, 'pages/api/tasks.ts'))).toBe(false);
    const route = readFileSync(path.join(app, 'app/api/tasks/route.ts'), 'utf8');
    expect(route).toContain("import { pool as client } from '../../../lib/db';");
    expect(route).not.toContain('new Client(');
    expect(readFileSync(path.join(app, 'lib/db.ts'), 'utf8')).toContain('new Pool(');
    expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).dependencies['server-only']).toBeDefined();

    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'fixed');
    const again = await runAsync(['fix', app, '--yes', '--all']);
    expect(again.code).toBe(0);
    expect(git(app, 'status', '--porcelain')).toBe('');
  });

  it('--dry-run shows the same fixpoint and what would remain', async () => {
    const app = multipass();
    const { code, stdout, stderr } = await runAsync(['fix', app, '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('+OPENAI_API_KEY=\n+SUPABASE_SERVICE_ROLE_KEY=\n');
    expect(stdout).not.toContain('+NEXT_PUBLIC_OPENAI_API_KEY=');
    expect(stderr).toContain('not applied without review: migrate-app-router (1 finding(s))');
    expect(stderr).toMatch(/would fix \d+ of 10 finding\(s\); \d+ would remain \(\d+ high/);
    expect(git(app, 'status', '--porcelain')).toBe('');
  });

  it('reports findings, not files: what remains, the critical ones by check', async () => {
    const { stdout } = await runAsync(['fix', prototype(), '--yes']);
    expect(stdout).toContain(
      'fixed 3 of 24 finding(s); 21 remain (4 critical: hardcoded-secret ×3, rls-disabled; 12 high; 2 medium; 3 low)',
    );
    expect(stdout).toContain('changed: 5 file(s)');
  });
});

describe('the type gate', () => {
  /** typed-fix with this repository's node_modules linked in: TypeScript, next, pg and their types are installed. */
  const typedFix = (installed = true) => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'typed-fix')));
    if (installed) symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
    return app;
  };
  const TASKS = readFileSync(path.join(FIXTURES, 'apps', 'typed-fix', 'pages', 'api', 'tasks.ts'), 'utf8');
  const HELD = "    6:15 TS2345 Argument of type 'Pool' is not assignable to parameter of type 'Client'.";

  it(
    '--yes holds back a fix that adds a TypeScript error, names the error, and applies the rest',
    async () => {
      const app = typedFix();
      const { code, stdout } = await runAsync(['fix', app, '--yes']);
      expect(code).toBe(0);
      expect(stdout).toContain(`held back: 1 change(s) that add a TypeScript error\n  pages/api/tasks.ts (pg-pool)\n${HELD}\n`);
      expect(stdout).toContain('fixed 1 of 2 finding(s); 1 remain (1 high)');
      expect(readFileSync(path.join(app, 'pages/api/tasks.ts'), 'utf8')).toBe(TASKS);
      expect(existsSync(path.join(app, 'lib/db.ts'))).toBe(false);
      expect(readFileSync(path.join(app, 'pages/api/weather.ts'), 'utf8')).toContain('signal: AbortSignal.timeout(10000)');
    },
    TYPE_CHECK_TIMEOUT,
  );

  it(
    '--dry-run marks the held-back change and leaves it out of the diff',
    async () => {
      const { code, stdout, stderr } = await runAsync(['fix', typedFix(), '--dry-run']);
      expect(code).toBe(0);
      expect(stdout).not.toContain('lib/db.ts');
      expect(stdout).toContain('diff --git a/pages/api/weather.ts b/pages/api/weather.ts');
      expect(stderr).toContain(
        `held back: 1 change(s) that add a TypeScript error (not in the diff)\n  pages/api/tasks.ts (pg-pool)\n${HELD}\n`,
      );
    },
    TYPE_CHECK_TIMEOUT,
  );

  it(
    "sees the files a fix creates in a folder not on disk yet, and React's JSX types in a new component that does not import React",
    async () => {
      // The app's tsconfig lists `types: ["node"]`: React's types reach the whole program only through the files that import it.
      const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'typed-new-folder')));
      symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
      const { code, stdout } = await runAsync(['fix', app, '--yes', '--all']);
      expect(code).toBe(0);
      expect(stdout).not.toContain('held back');
      expect(stdout).toContain('created app/actions/openai.ts');
      expect(stdout).toContain('created app/global-error.tsx');
      expect(readFileSync(path.join(app, 'app/chat/page.tsx'), 'utf8')).toContain(
        "import { createChatCompletion } from '../actions/openai';",
      );
    },
    TYPE_CHECK_TIMEOUT,
  );

  it('says once that it was skipped when the dependencies are not installed, and the naive fix goes through', async () => {
    const app = typedFix(false);
    const { code, stdout, stderr } = await runAsync(['fix', app, '--yes']);
    expect(code).toBe(0);
    expect(stderr.match(/type gate skipped/g)).toHaveLength(1);
    expect(stderr).toContain('type gate skipped: its dependencies are not installed (next, pg, react, …): run the install, then fix again');
    expect(stdout).not.toContain('held back');
    expect(readFileSync(path.join(app, 'pages/api/tasks.ts'), 'utf8')).toContain("import { pool as client } from '../../lib/db';");
  });
});

describe('the fix wizard, driven through a pseudo-terminal', () => {
  it('groups findings, preselects safe fixes, shows each diff and applies only the accepted ones', async () => {
    const app = prototype();
    const { code, screen } = await driveCli(['fix', app], app, [
      { waitFor: /Which fixes should shipshape prepare\?/, send: KEYS.enter },
      { waitFor: /How should the added versions be pinned\?/, send: KEYS.down + KEYS.down + KEYS.enter },
      { waitFor: /How many rows should one list query return at most\?/, send: KEYS.enter },
      { waitFor: /Declare imported packages in package\.json\s+diff[\s\S]*Apply this fix\?/, send: 'y\r' },
      { waitFor: /Keep env files out of git\s+diff[\s\S]*Apply this fix\?/, send: 'n\r' },
      { waitFor: /Connect through the pooler in serverless functions\s+diff[\s\S]*Apply this fix\?/, send: 'n\r' },
      { waitFor: /One PrismaClient per process\s+diff[\s\S]*Apply this fix\?/, send: 'n\r' },
      { waitFor: /Give list queries a page size\s+diff[\s\S]*Apply this fix\?/, send: 'n\r' },
    ]);
    expect(code).toBe(0);
    expect(screen).toMatch(/build\s+3\s+\(2 fixable\)/);
    expect(screen).toMatch(/data-access\s+3\s+\(3 fixable\)/);
    expect(screen).toMatch(/dependencies\s+6\s+\(5 fixable\)/);
    expect(screen).toMatch(/secrets\s+4\s+\(4 fixable\)/);
    expect(screen).toMatch(/◯ Let `next build` fail on type and lint errors again \(2 finding\(s\)\) \[review\]/);
    expect(screen).toContain('+    "openai": "4.52.0",');
    expect(screen).toContain('changed: 2 file(s)');
    expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).dependencies.openai).toBe('4.52.0');
    expect(readFileSync(path.join(app, '.gitignore'), 'utf8')).toBe('node_modules\n.next\n.shipshape/\n');
  });

  it('plans a fix from a re-scan when a fix accepted before it changed the files of its findings', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'multipass')));
    const { code, screen } = await driveCli(['fix', app, '--only', 'public-env-secret,env-var-undefined'], app, [
      { waitFor: /Which fixes should shipshape prepare\?/, send: KEYS.enter },
      { waitFor: /Take the public prefix off secret variables[\s\S]*Apply this fix\?/, send: 'y\r' },
      { waitFor: /\+SUPABASE_SERVICE_ROLE_KEY=[\s\S]*Apply this fix\?/, send: 'y\r' },
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('fixed 5 of 5 finding(s); none remain');
    expect(readFileSync(path.join(app, '.env.example'), 'utf8')).toBe(ENV_EXAMPLE);
  });

  it('takes a fix that needs review when the user selects it', async () => {
    const app = prototype();
    const { code } = await driveCli(['fix', app, '--only', 'build'], app, [
      { waitFor: /Which fixes should shipshape prepare\?/, send: KEYS.space + KEYS.enter },
      { waitFor: /-\s+ignoreBuildErrors: true,[\s\S]*Apply this fix\?/, send: '\r' },
    ]);
    expect(code).toBe(0);
    expect(readFileSync(path.join(app, 'next.config.js'), 'utf8')).not.toContain('ignoreBuildErrors');
  });

  it('asks a number question and applies the answer', async () => {
    const app = gitInit(
      writeTree({
        'package.json': '{"name":"w","dependencies":{"next":"14.2.3"}}\n',
        'package-lock.json': '{}\n',
        'pages/api/weather.ts': readFileSync(path.join(FIXTURES, 'fetch-timeout', 'named-response.input.ts'), 'utf8'),
      }),
    );
    const { code, screen } = await driveCli(['fix', app], app, [
      { waitFor: /Which fixes should shipshape prepare\?/, send: KEYS.enter },
      { waitFor: /Timeout for requests to other services, in milliseconds\?/, send: '\x7f'.repeat(6) + '2500' + KEYS.enter },
      { waitFor: /AbortSignal\.timeout\(2500\)[\s\S]*Apply this fix\?/, send: 'y\r' },
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('changed: 2 file(s)');
    const source = readFileSync(path.join(app, 'pages/api/weather.ts'), 'utf8');
    expect(source).toContain('signal: AbortSignal.timeout(2500)');
    expect(source).toContain('if (!weather.ok) throw new Error(');
  });

  it('writes nothing when cancelled with Ctrl-C', async () => {
    const app = prototype();
    const before = snapshot(app);
    const { code, screen } = await driveCli(['fix', app], app, [
      { waitFor: /Which fixes should shipshape prepare\?/, send: KEYS.enter },
      { waitFor: /How should the added versions be pinned\?/, send: KEYS.enter },
      { waitFor: /How many rows should one list query return at most\?/, send: KEYS.enter },
      { waitFor: /Apply this fix\?/, send: KEYS.ctrlC },
    ]);
    expect(code).toBe(130);
    expect(screen).toContain('cancelled; nothing was written');
    expect(snapshot(app)).toEqual(before);
    expect(existsSync(path.join(app, '.shipshape'))).toBe(false);
  });
});
