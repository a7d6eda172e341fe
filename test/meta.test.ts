import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRANSFORMS, findTransform } from '../src/all-transforms.ts';
import { GENERATORS } from '../src/fix-commands.ts';
import { CHECKS, checksFixedBy } from '../src/registry.ts';
import { FIXTURES, REPO, cleanTempDirs, runAsync } from './helpers.ts';

afterAll(cleanTempDirs);

/** A module that exports its `meta`: one file, `<id>.ts`, or a folder of parts whose `<id>/index.ts` exports it. */
const exportsMeta = (file: string) => existsSync(file) && /^export (\{ meta \}|const meta\b)/m.test(readFileSync(file, 'utf8'));

const idsIn = (dir: string) =>
  readdirSync(path.join(REPO, dir), { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isDirectory()) return exportsMeta(path.join(REPO, dir, entry.name, 'index.ts')) ? [entry.name] : [];
      return entry.name.endsWith('.ts') && entry.name !== 'define.ts' ? [entry.name.replace(/\.ts$/, '')] : [];
    })
    .sort();

describe('the registry stays honest', () => {
  it('registers every check file, and each id equals its file name', () => {
    expect(CHECKS.map((c) => c.meta.id).sort()).toEqual(idsIn('src/checks'));
  });

  it('registers every transform file, and each id equals its file name', () => {
    expect(TRANSFORMS.map((t) => t.meta.id).sort()).toEqual(idsIn('transforms'));
  });

  it('has fixtures for every check and transform', () => {
    for (const check of CHECKS) expect(existsSync(path.join(FIXTURES, 'checks', check.meta.id)), check.meta.id).toBe(true);
    for (const transform of TRANSFORMS)
      expect(readdirSync(path.join(FIXTURES, transform.meta.id)).length, transform.meta.id).toBeGreaterThan(0);
  });

  it("names only fixes that exist, and every transform is some check's fix", () => {
    for (const check of CHECKS)
      if (check.meta.fix) expect(findTransform(check.meta.fix) ?? GENERATORS[check.meta.fix], check.meta.id).toBeDefined();
    for (const transform of TRANSFORMS)
      expect(checksFixedBy(transform.meta.id).length > 0 || transform.meta.offer !== undefined, transform.meta.id).toBe(true);
  });

  it('lists every check and transform in `shipshape list` and the README', async () => {
    const listed = JSON.parse((await runAsync(['list', '--json'])).stdout);
    expect(listed.checks.map((c: { id: string }) => c.id)).toEqual(CHECKS.map((c) => c.meta.id));
    expect(listed.transforms.map((t: { id: string }) => t.id)).toEqual(TRANSFORMS.map((t) => t.meta.id));
    const text = (await runAsync(['list'])).stdout;
    const readme = documentation();
    for (const id of [...CHECKS.map((c) => c.meta.id), ...TRANSFORMS.map((t) => t.meta.id)]) {
      expect(text).toContain(id);
      expect(readme, `README mentions ${id}`).toContain(`\`${id}\``);
    }
  });

  it('documents every command and flag in the README', async () => {
    const readme = documentation();
    for (const command of ['scan', 'fix', 'transform', 'list', 'undo', 'sql', 'verify', 'migrate app-router']) {
      const help = (await runAsync([...command.split(' '), '--help'])).stdout;
      for (const flag of help.match(/--[a-z-]+/g) ?? []) {
        if (flag === '--help' || flag === '--no-color') continue;
        expect(readme, `README documents ${command} ${flag}`).toContain(flag);
      }
    }
  });

  it('gives every check the severity its README row and the README `shipshape list` output give it', () => {
    const readme = documentation();
    for (const check of CHECKS) {
      const row = new RegExp(`^\\| \`${check.meta.id}\` \\| (\\w+)`, 'm').exec(readme);
      expect(row?.[1], `README row of ${check.meta.id}`).toBe(check.meta.severity);
      const listed = new RegExp(`^  ${check.meta.id} +(\\w+) `, 'm').exec(readme);
      expect(listed?.[1], `README list output of ${check.meta.id}`).toBe(check.meta.severity);
    }
  });
});

/** The README and the pages under docs/ it links to: together they are the user's documentation. */
function documentation(): string {
  const docs = path.join(REPO, 'docs');
  const pages = readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md'));
  return [
    readFileSync(path.join(REPO, 'README.md'), 'utf8'),
    ...pages.sort().map((name) => readFileSync(path.join(docs, name), 'utf8')),
  ].join('\n');
}
