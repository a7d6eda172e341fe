import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTransform } from 'jscodeshift/src/testUtils.js';
import { APP_ROUTER_RULES } from '../transforms/app-router/index.ts';
import { FIXTURES, REPO } from './helpers.ts';
import { appEntry, appTarget, normaliseRoute, pagesEntry } from '../src/analysis/next-routes.ts';

const RULES_DIR = path.join(REPO, 'transforms', 'app-router');
const FIXTURES_DIR = path.join(FIXTURES, 'migrate-app-router', 'rules');

function cases(id: string) {
  const dir = path.join(FIXTURES_DIR, id);
  return readdirSync(dir)
    .filter((file) => /\.input\.\w+$/.test(file))
    .sort()
    .map((file) => {
      const base = file.replace(/\.input\.\w+$/, '');
      const ext = path.extname(file);
      const optionsFile = path.join(dir, `${base}.options.json`);
      const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
      return {
        name: base,
        file: (options.file as string | undefined) ?? `pages/${base}${ext}`,
        input: readFileSync(path.join(dir, file), 'utf8'),
        output: readFileSync(path.join(dir, `${base}.output${ext}`), 'utf8'),
        options,
      };
    });
}

describe('the App Router rules', () => {
  it('lists every rule file once, in the order the migration applies them', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(APP_ROUTER_RULES.map((rule) => rule.meta.id).sort()).toEqual(files);
  });

  it('documents every rule in the coverage table of docs/migrate-app-router.md', () => {
    const readme = readFileSync(path.join(REPO, 'docs', 'migrate-app-router.md'), 'utf8');
    for (const rule of APP_ROUTER_RULES) {
      const row = `| \`${rule.meta.id}\` | ${rule.meta.coverage} | ${rule.meta.title.replace(/\|/g, '\\|')}: ${rule.meta.description.replace(/\|/g, '\\|')} |`;
      expect(readme, rule.meta.id).toContain(row);
    }
  });
});

for (const rule of APP_ROUTER_RULES) {
  describe(`rule ${rule.meta.id}`, () => {
    const table = cases(rule.meta.id);
    const module = { default: rule.transform, parser: 'tsx' };
    const apply = (source: string, options: Record<string, unknown>, file: string) =>
      applyTransform(module, options, { path: file, source }) || source.trim();

    it.each(table)('$name', ({ input, output, options, file }) => {
      expect(apply(input, options, file)).toBe(output.trim());
    });

    it.each(table)('$name changes nothing the second time', ({ output, options, file }) => {
      expect(apply(output, options, file)).toBe(output.trim());
    });

    it('has a case that changes something and one that changes nothing', () => {
      expect(table.some((c) => c.input !== c.output)).toBe(true);
      expect(table.some((c) => c.input === c.output)).toBe(true);
    });
  });
}

describe('route facts', () => {
  it('maps pages/ files to app/ files, keeping dynamic and catch-all folder names and underscore segments routable', () => {
    const target = (file: string) => appTarget('app', pagesEntry('pages', file)!);
    expect(target('pages/index.tsx')).toBe('app/page.tsx');
    expect(target('pages/about.tsx')).toBe('app/about/page.tsx');
    expect(target('pages/about/index.jsx')).toBe('app/about/page.jsx');
    expect(target('pages/blog/[slug].tsx')).toBe('app/blog/[slug]/page.tsx');
    expect(target('pages/docs/[...all].tsx')).toBe('app/docs/[...all]/page.tsx');
    expect(target('pages/[[...all]].js')).toBe('app/[[...all]]/page.js');
    expect(target('pages/api/tasks/[id].ts')).toBe('app/api/tasks/[id]/route.ts');
    expect(target('pages/api/hello.js')).toBe('app/api/hello/route.js');
    expect(target('pages/_sites/[site].tsx')).toBe('app/%5Fsites/[site]/page.tsx');
    expect(appEntry('app', 'app/%5Fsites/[site]/page.tsx')!.route).toBe('/_sites/[site]');
    expect(appEntry('app', 'app/_components/page.tsx')).toBeNull();
    expect(appEntry('app', 'app/(shop)/cart/page.tsx')!.route).toBe('/cart');
    expect(pagesEntry('pages', 'pages/_app.tsx')!.kind).toBe('shell');
    expect(pagesEntry('pages', 'pages/styles.module.css')).toBeNull();
    expect(normaliseRoute('/blog/[id]')).toBe(normaliseRoute('/blog/[slug]'));
    expect(normaliseRoute('/docs/[...a]')).not.toBe(normaliseRoute('/docs/[[...a]]'));
  });
});
