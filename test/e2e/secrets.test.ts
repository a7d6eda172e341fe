import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_ENV_PREFIX } from '../../src/analysis/env-reads.ts';
import { secretByName } from '../../src/secrets/secret-shapes.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, git, gitInit, readTree, runAsync } from '../helpers.ts';
import { KEYS, driveCli } from '../pty.ts';
import { typeErrors } from '../typecheck.ts';

afterAll(cleanTempDirs);

interface JsonFinding {
  ruleId: string;
  severity: string;
  category: string;
  file: string;
  message: string;
}

async function scanJson(
  app: string,
  ...extra: string[]
): Promise<{ findings: JsonFinding[]; rotate: Array<{ key: string; why: string }> }> {
  return JSON.parse((await runAsync(['scan', app, '--format', 'json', ...extra])).stdout);
}

const SOURCE = /\.(tsx?|jsx?)$/;

describe.each([
  {
    name: 'secrets-app-router',
    serverDir: 'app/actions/',
    rotated: ['NEXT_PUBLIC_OPENAI_API_KEY', 'NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY', 'NEXT_PUBLIC_WEATHER_API_TOKEN'],
  },
  {
    name: 'secrets-pages-router',
    serverDir: 'pages/api/',
    rotated: ['NEXT_PUBLIC_STRIPE_SECRET_KEY', 'NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY'],
  },
])('fix --yes on $name', ({ name, serverDir, rotated }) => {
  it('moves every secret out of browser code, into server code the browser calls, in code that type-checks, and a second run changes nothing', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', name)));
    const original = new Set(Object.keys(readTree(app, (rel) => rel.startsWith('.git/'))));
    const before = await scanJson(app);
    expect(before.findings.filter((f) => f.category === 'secrets' && f.severity === 'critical').length).toBeGreaterThan(0);
    expect(before.rotate.map((r) => r.key).sort()).toEqual(rotated);
    expect((await runAsync(['scan', app])).stdout).toContain(`KEYS TO ROTATE (${rotated.length})`);

    // The diff renames keys in .env.local: it shows the names, never the values.
    const preview = await runAsync(['fix', app, '--dry-run']);
    expect(preview.stdout).toMatch(/^\+SUPABASE_SERVICE_ROLE_KEY=eyJhbG…\(\d+ chars\)$/m);
    expect(preview.stdout).not.toMatch(/sk-proj-FAKE|sk_test_FAKE|c2lnbmF0dXJl|wx_0000fake/);

    const fixed = await runAsync(['fix', app, '--yes']);
    expect(fixed.code).toBe(0);
    for (const key of rotated) expect(fixed.stdout).toContain(`rotate ${key.replace(PUBLIC_ENV_PREFIX, '')}`);
    expect(fixed.stdout).not.toMatch(/sk-proj-FAKE|sk_test_FAKE|c2lnbmF0dXJl/);

    const after = await scanJson(app);
    expect(after.findings.filter((f) => f.category === 'secrets' && (f.severity === 'critical' || f.severity === 'high'))).toEqual([]);
    expect(after.findings.filter((f) => f.ruleId === 'env-var-undocumented' || f.ruleId === 'env-file-not-ignored')).toEqual([]);

    const tree = readTree(app, (rel) => rel.startsWith('.git/') || rel.startsWith('.shipshape/'));
    for (const env of ['.env.local', '.env.example']) {
      const names = tree[env]!.split('\n')
        .map((line) => line.split('=')[0]!)
        .filter(Boolean);
      expect(
        names.filter((variable) => PUBLIC_ENV_PREFIX.test(variable) && secretByName(variable)),
        env,
      ).toEqual([]);
    }
    // Values are kept where they were: only names change.
    expect(tree['.env.local']).toMatch(/^SUPABASE_SERVICE_ROLE_KEY=eyJ/m);

    const serverFiles = Object.keys(tree).filter((file) => file.startsWith(serverDir) && SOURCE.test(file) && !original.has(file));
    expect(serverFiles.length).toBeGreaterThan(0);
    for (const file of serverFiles) {
      if (serverDir === 'app/actions/') expect(tree[file]!.startsWith("'use server';\nimport 'server-only';\n"), file).toBe(true);
      expect(tree[file], file).toContain("TODO(shipshape): check the caller's session");
    }
    const browserFiles = Object.keys(tree).filter(
      (file) => SOURCE.test(file) && !file.startsWith(serverDir) && !file.startsWith('pages/api/'),
    );
    for (const file of browserFiles)
      expect(tree[file], file).not.toMatch(/SERVICE_ROLE|dangerouslyAllowBrowser|from 'openai'|from 'stripe'|WEATHER_API_TOKEN/);
    const callers = browserFiles.filter((file) =>
      serverDir === 'app/actions/' ? /from '\.\.\/(\.\.\/)?(app\/)?actions\//.test(tree[file]!) : tree[file]!.includes("fetch('/api/"),
    );
    expect(callers.length).toBeGreaterThanOrEqual(2);

    if (serverDir === 'app/actions/') expect(JSON.parse(tree['package.json']!).dependencies['server-only']).toBeDefined();
    symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
    expect(typeErrors(app)).toEqual([]);

    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'fixed');
    const again = await runAsync(['fix', app, '--yes']);
    expect(again.code).toBe(0);
    expect(git(app, 'status', '--porcelain')).toBe('');
  }, 240_000);
});

describe('typed-env-module output', () => {
  it('type-checks against the real zod, next and react types', () => {
    const app = copyFixture(path.join(FIXTURES, 'typed-env-module', 'app-router', 'output'));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
    expect(typeErrors(app).join('\n')).toBe('');
  });

  it('runs from `shipshape transform` and validates at load time', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'typed-env-module', 'app-router', 'input')));
    const result = await runAsync(['transform', 'typed-env-module', app]);
    expect(result.code).toBe(0);
    expect(readTree(app)['env/server.ts']).toContain('schema.parse(process.env)');
  });
});

describe('the fix wizard on leaked keys', () => {
  it('lists the keys to rotate and offers typed-env-module unchecked; declining everything writes nothing', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'secrets-app-router')));
    const { code, screen } = await driveCli(['fix', app], app, [
      { waitFor: /Which fixes should shipshape prepare\?/, send: KEYS.enter },
      { waitFor: /Apply this fix\?/, send: 'n\r' },
      { waitFor: /Apply this fix\?/, send: 'n\r' },
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('Keys to rotate (3)');
    expect(screen).toMatch(/NEXT_PUBLIC_OPENAI_API_KEY\s+its \.env\.local value is an OpenAI API key under a public prefix/);
    expect(screen).toMatch(/◯ Read environment variables through typed, validated modules \(optional\)/);
    expect(screen).not.toMatch(/sk-proj-FAKE|wx_0000fake/);
    expect(git(app, 'status', '--porcelain')).toBe('');
  });
});
