import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import jscodeshift from 'jscodeshift';
import { APP_ROUTER_RULES } from '../../transforms/app-router/index.ts';
import { appEntry, appTarget, normaliseRoute, pagesEntry } from '../../src/analysis/next-routes.ts';
import { FIXTURES, REPO } from '../helpers.ts';
import { VARIANTS, convertSource, fileCases } from './fixture-cases.ts';

const RULES_DIR = path.join(REPO, 'transforms', 'app-router');
const RULE_FIXTURES = path.join(FIXTURES, 'migrate-app-router', 'rules');
const ruleJ = jscodeshift.withParser('tsx');

describe('the App Router rules', () => {
  it('lists every rule file once, in the order the migration applies them', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(APP_ROUTER_RULES.map((rule) => rule.meta.id).sort()).toEqual(files);
  });

  it('has a rule for every fixture folder', () => {
    expect(readdirSync(RULE_FIXTURES).sort()).toEqual(APP_ROUTER_RULES.map((rule) => rule.meta.id).sort());
  });

  it('documents every rule in the coverage table of docs/migrate-app-router.md', () => {
    const readme = readFileSync(path.join(REPO, 'docs', 'migrate-app-router.md'), 'utf8');
    for (const rule of APP_ROUTER_RULES) {
      const row = `| \`${rule.meta.id}\` | ${rule.meta.coverage} | ${rule.meta.title.replace(/\|/g, '\\|')}: ${rule.meta.description.replace(/\|/g, '\\|')} |`;
      expect(readme, rule.meta.id).toContain(row);
    }
  });
});

/** Each rule's pairs, in LF and in CRLF: a page written on Windows must come out in CRLF too. */
for (const id of readdirSync(RULE_FIXTURES).sort()) {
  const rule = APP_ROUTER_RULES.find((candidate) => candidate.meta.id === id);
  if (!rule) continue;
  describe(`rule ${id}`, () => {
    const cases = fileCases(path.join(RULE_FIXTURES, id)).map((c) => ({
      ...c,
      file: (c.options.file as string | undefined) ?? `pages/${c.name}${c.ext}`,
    }));
    const table = cases.flatMap((c) =>
      VARIANTS.filter((variant) => variant.name === 'LF' || variant.name === 'CRLF').map((variant) => ({
        ...c,
        variant: variant.name,
        convert: (text: string) => convertSource(text, variant),
      })),
    );
    const apply = (source: string, options: Record<string, unknown>, file: string) => {
      const output = rule.transform(
        { path: file, source },
        { j: ruleJ, jscodeshift: ruleJ, stats: () => {}, report: () => {} },
        options as never,
      );
      return typeof output === 'string' ? output : source;
    };

    it.each(table)('$name ($variant)', ({ input, output, options, file, convert }) => {
      expect(apply(convert(input), options, file)).toBe(convert(output));
    });

    it.each(table)('$name changes nothing the second time ($variant)', ({ output, options, file, convert }) => {
      expect(apply(convert(output), options, file)).toBe(convert(output));
    });

    it('has a case that changes something and one that changes nothing', () => {
      expect(cases.some((c) => c.input !== c.output)).toBe(true);
      expect(cases.some((c) => c.input === c.output)).toBe(true);
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
