import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, cleanTempDirs, runScript, git, gitInit, tempDir, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

const SCRIPT = path.join(REPO, 'bench', 'accuracy.mjs');

const bench = (args: string[]) => runScript(SCRIPT, args);

const SHOP = {
  'package.json': '{ "name": "shop", "dependencies": { "next": "14.2.0", "pg": "8.11.0", "stripe": "14.0.0" } }\n',
  'package-lock.json': '{}\n',
  '.gitignore': 'node_modules\n',
  'next.config.js': 'module.exports = { typescript: { ignoreBuildErrors: true } };\n',
  'instrumentation.ts': 'export function onRequestError(error: unknown) {\n  console.error(error);\n}\n',
  'app/global-error.tsx': "'use client';\n\nexport default function GlobalError() {\n  return null;\n}\n",
  'lib/stripe.ts':
    "import Stripe from 'stripe';\n\nexport const stripe = new Stripe('sk_live_51HxShopKeyDoNotShip0123456789abcdefGHIJ');\n",
  'app/api/items/route.ts': [
    "import { Client } from 'pg';",
    '',
    'export async function GET() {',
    '  const client = new Client({ connectionString: process.env.DATABASE_URL });',
    '  await client.connect();',
    "  const { rows } = await client.query('SELECT * FROM items');",
    '  await client.end();',
    '  return Response.json(rows);',
    '}',
    '',
  ].join('\n'),
};

let apps: string;
let labels: string;
beforeAll(() => {
  apps = tempDir('shipshape-accuracy-apps-');
  const shop = path.join(apps, 'acme+shop');
  mkdirSync(shop);
  gitInit(writeTree(SHOP, shop));
  const commit = git(shop, 'rev-parse', 'HEAD').trim();
  labels = tempDir('shipshape-accuracy-labels-');
  const label = (name: string, body: object) => writeFileSync(path.join(labels, `${name}.json`), JSON.stringify(body));
  label('acme+shop', {
    repo: 'acme/shop',
    commit,
    exhaustive: ['env-var-undefined'],
    expected: [
      { check: 'hardcoded-secret', file: 'lib/stripe.ts', line: 3 },
      { check: 'unbounded-query', file: 'app/api/items/route.ts', line: 5, tolerance: 1 },
      { check: 'raw-sql-interpolation', file: 'app/api/items/route.ts', line: 6, why: 'labelled to be missed' },
    ],
    quiet: [{ check: 'db-connection-per-request', file: 'app/api/items/route.ts', why: 'labelled quiet to be a false positive' }],
  });
  label('acme+gone', { repo: 'acme/gone', commit: 'a'.repeat(40), expected: [] });
});

describe('npm run bench:accuracy', () => {
  it('scores each check: tolerance, quiet places, exhaustive checks and unlabelled findings', async () => {
    const { code, stdout } = await bench([apps, '--labels', labels]);
    expect(code).toBe(0);
    expect(stdout).toContain(`skip acme+gone: ${path.join(apps, 'acme+gone')} not found`);
    expect(stdout).toContain('accuracy on 1 of 2 labelled apps');
    expect(stdout).toMatch(/^hardcoded-secret\s+1\s+0\s+0\s+1\.00\s+1\.00\s+0$/m);
    expect(stdout).toMatch(/^unbounded-query\s+1\s+0\s+0\s+1\.00\s+1\.00\s+0$/m);
    expect(stdout).toMatch(/^raw-sql-interpolation\s+0\s+0\s+1\s+-\s+0\.00\s+0$/m);
    expect(stdout).toMatch(/^db-connection-per-request\s+0\s+1\s+0\s+0\.00\s+-\s+0$/m);
    expect(stdout).toMatch(/^env-var-undefined\s+0\s+1\s+0\s+0\.00\s+-\s+0$/m);
    expect(stdout).toMatch(/^next-config-ignores-build-errors\s+0\s+0\s+0\s+-\s+-\s+1$/m);
    expect(stdout).toMatch(/^overall\s+2\s+2\s+1\s+0\.50\s+0\.67\s+1$/m);
    expect(stdout).toContain('acme+shop  app/api/items/route.ts:4  [db-connection-per-request]  labelled quiet to be a false positive');
    expect(stdout).toContain(
      'acme+shop  app/api/items/route.ts:4  [env-var-undefined]  not labelled, and the labels for this check are exhaustive',
    );
    expect(stdout).toContain('acme+shop  app/api/items/route.ts:6  [raw-sql-interpolation]  labelled to be missed');
    expect(stdout).toMatch(/unlabelled findings.*\(1\)\n {2}acme\+shop {2}next\.config\.js:1 {2}\[next-config-ignores-build-errors\]/);
  });

  it('exits 1 when a check falls below --min-precision, naming it', async () => {
    const { code, stdout } = await bench([apps, '--labels', labels, '--min-precision', '0.9']);
    expect(code).toBe(1);
    expect(stdout).toContain('below --min-precision 0.9: db-connection-per-request 0.00, env-var-undefined 0.00');
    expect((await bench([apps, '--labels', labels, '--min-precision', '0'])).code).toBe(0);
  });

  it('skips an app checked out at another commit than its label', async () => {
    const other = tempDir('shipshape-accuracy-labels-');
    writeFileSync(path.join(other, 'acme+shop.json'), JSON.stringify({ repo: 'acme/shop', commit: 'b'.repeat(40), expected: [] }));
    const { code, stdout } = await bench([apps, '--labels', other]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/skip acme\+shop: checked out at [0-9a-f]{12}, labelled at bbbbbbbbbbbb/);
    expect(stdout).toContain('accuracy on 0 of 1 labelled apps');
  });

  it('refuses bad input with exit 2, a reason and a hint', async () => {
    const cases: [string[], string][] = [
      [[], 'expected one argument, the folder that holds the apps'],
      [[path.join(apps, 'nope')], 'is not a folder'],
      [[apps, '--labels', labels, '--min-precision', '2'], '--min-precision takes a number from 0 to 1, not 2'],
      [[apps, '--labels', labels, '--app', 'acme+nothing'], 'matches --app acme+nothing'],
    ];
    for (const [args, reason] of cases) {
      const { code, stderr } = await bench(args);
      expect(code).toBe(2);
      expect(stderr).toContain(reason);
      expect(stderr).toMatch(/\nhint: .+\n$/);
    }
    const typo = tempDir('shipshape-accuracy-labels-');
    writeFileSync(
      path.join(typo, 'acme+shop.json'),
      JSON.stringify({ repo: 'acme/shop', commit: 'c'.repeat(40), expected: [{ check: 'hardcoded-secrets', file: 'a.ts' }] }),
    );
    const { code, stderr } = await bench([apps, '--labels', typo]);
    expect(code).toBe(2);
    expect(stderr).toContain('acme+shop.json names unknown checks: hardcoded-secrets');
  });

  it('--fix runs fix twice on a copy, counts what changed, and leaves the app alone', async () => {
    const { code, stdout } = await bench([apps, '--labels', labels, '--fix']);
    expect(code).toBe(0);
    const row = stdout.match(/^acme\+shop\s+(\d+)\/(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/m);
    expect(row).not.toBeNull();
    const [, firstExit, secondExit, first, second, unparsable, endings] = row!.map(Number);
    expect([firstExit, secondExit]).toEqual([0, 0]);
    expect(first).toBeGreaterThan(0);
    expect([second, unparsable, endings]).toEqual([0, 0, 0]);
    expect(git(path.join(apps, 'acme+shop'), 'status', '--porcelain')).toBe('');
  });
});
