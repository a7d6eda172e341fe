import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, cleanTempDirs, runScript, git, gitInit, tempDir, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

const SCRIPT = path.join(REPO, 'bench', 'migrate-apps.mjs');

const bench = (args: string[]) => runScript(SCRIPT, args);

const NOTES = {
  'package.json':
    '{ "name": "notes", "private": true, "dependencies": { "next": "^16.0.0", "react": "^19.0.0", "react-dom": "^19.0.0" } }\n',
  'pages/index.jsx': 'export default function Home() {\n  return <h1>Notes</h1>;\n}\n',
  'pages/about.jsx': 'export default function About() {\n  return <p>About the notes app</p>;\n}\n',
  'pages/api/health.js': 'export default function health(req, res) {\n  res.status(200).json({ ok: true });\n}\n',
};

let apps: string;
let list: string;
let out: string;
beforeAll(() => {
  apps = tempDir('shipshape-migrate-apps-');
  const notes = path.join(apps, 'acme+notes');
  mkdirSync(notes);
  gitInit(writeTree(NOTES, notes));
  list = tempDir('shipshape-migrate-list-');
  writeFileSync(
    path.join(list, 'acme+notes.json'),
    JSON.stringify({ repo: 'acme/notes', commit: '0'.repeat(40), about: 'a two-page app' }),
  );
  out = tempDir('shipshape-migrate-out-');
});

describe('bench/migrate-apps.mjs', () => {
  it('counts the routes, migrates a copy and reports exit code, files left behind and lost code', async () => {
    const { code, stdout, stderr } = await bench([apps, '--list', list, '--no-build', '--out', out]);
    expect(code, stderr).toBe(0);
    // The app is read from a work tree at another commit than the list names: it is skipped, not measured.
    expect(stdout).toContain('skip acme+notes: checked out at');

    writeFileSync(
      path.join(list, 'acme+notes.json'),
      JSON.stringify({
        repo: 'acme/notes',
        commit: git(path.join(apps, 'acme+notes'), 'rev-parse', 'HEAD').trim(),
        about: 'a two-page app',
      }),
    );
    const measured = await bench([apps, '--list', list, '--no-build', '--out', out]);
    expect(measured.code, measured.stderr).toBe(0);
    expect(measured.stdout).toContain('| acme+notes | 2 | 1 | 0 | – | – | – | 0 | 0 | 0 |');
    expect(measured.stdout).toContain('1 apps: 1 migrate without a crash');
    const [row] = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(row).toMatchObject({
      app: 'acme+notes',
      pages: 2,
      api: 1,
      exit: 0,
      crashed: false,
      leftBehind: [],
      dropped: [],
      droppedTags: [],
    });
    // The app itself is never touched: the migration runs on a copy.
    expect(readFileSync(path.join(apps, 'acme+notes', 'pages', 'about.jsx'), 'utf8')).toBe(NOTES['pages/about.jsx']);
  }, 120_000);

  it('refuses a missing folder with a reason and a hint (exit 2)', async () => {
    const { code, stderr } = await bench([path.join(apps, 'nowhere'), '--list', list]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bench:migrate: .*nowhere is not a folder\nhint: /);
  });
});
