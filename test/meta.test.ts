import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS, GENERATORS, TRANSFORMS, checksFixedBy, findTransform } from '../src/registry.ts';
import { FIXTURES, REPO, run } from './helpers.ts';

const idsIn = (dir: string) => readdirSync(path.join(REPO, dir)).filter((f) => f.endsWith('.ts') && f !== 'define.ts').map((f) => f.replace(/\.ts$/, '')).sort();

describe('the registry stays honest', () => {
  it('registers every check file, and each id equals its file name', () => {
    expect(CHECKS.map((c) => c.meta.id).sort()).toEqual(idsIn('src/checks'));
  });

  it('registers every transform file, and each id equals its file name', () => {
    expect(TRANSFORMS.map((t) => t.meta.id).sort()).toEqual(idsIn('transforms'));
  });

  it('has fixtures for every check and transform', () => {
    for (const check of CHECKS) expect(existsSync(path.join(FIXTURES, 'checks', check.meta.id)), check.meta.id).toBe(true);
    for (const transform of TRANSFORMS) expect(readdirSync(path.join(FIXTURES, transform.meta.id)).length, transform.meta.id).toBeGreaterThan(0);
  });

  it('names only fixes that exist, and every transform is some check\'s fix', () => {
    for (const check of CHECKS) if (check.meta.fix) expect(findTransform(check.meta.fix) ?? GENERATORS[check.meta.fix], check.meta.id).toBeDefined();
    for (const transform of TRANSFORMS) expect(checksFixedBy(transform.meta.id).length > 0 || transform.meta.offer !== undefined, transform.meta.id).toBe(true);
  });

  it('lists every check and transform in `shipshape list` and the README', () => {
    const listed = JSON.parse(run(['list', '--json']).stdout);
    expect(listed.checks.map((c: { id: string }) => c.id)).toEqual(CHECKS.map((c) => c.meta.id));
    expect(listed.transforms.map((t: { id: string }) => t.id)).toEqual(TRANSFORMS.map((t) => t.meta.id));
    const text = run(['list']).stdout;
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    for (const id of [...CHECKS.map((c) => c.meta.id), ...TRANSFORMS.map((t) => t.meta.id)]) {
      expect(text).toContain(id);
      expect(readme, `README mentions ${id}`).toContain(`\`${id}\``);
    }
  });

  it('documents every command and flag in the README', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    for (const command of ['scan', 'fix', 'transform', 'list', 'undo', 'sql', 'verify', 'migrate app-router']) {
      const help = run([...command.split(' '), '--help']).stdout;
      for (const flag of help.match(/--[a-z-]+/g) ?? []) {
        if (flag === '--help' || flag === '--no-color') continue;
        expect(readme, `README documents ${command} ${flag}`).toContain(flag);
      }
    }
  });
});
