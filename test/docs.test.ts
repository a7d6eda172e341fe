import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocPath } from '../src/docs/check-doc-path.ts';
import { DOCS_COMMAND, orphanCheckPages, renderCheckDocs } from '../src/docs/check-docs.ts';
import { brokenLinks, headingAnchors } from '../src/docs/markdown-links.ts';
import { CHECKS } from '../src/registry.ts';
import { REPO, tempDir, writeTree } from './helpers.ts';

const README_LIMIT = 25 * 1024;

function documentationPages(): string[] {
  const pages = readdirSync(path.join(REPO, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name.split(path.sep).join('/')}`);
  return ['README.md', ...pages.sort()];
}

describe('generated documentation', () => {
  it(`is what \`${DOCS_COMMAND}\` writes from the checks' metadata and fixtures`, async () => {
    const generated = await renderCheckDocs(REPO);
    expect([...generated.keys()]).toEqual(expect.arrayContaining(CHECKS.map((check) => checkDocPath(check.meta.id))));
    const stale = [...generated]
      .filter(([file, content]) => {
        try {
          return readFileSync(path.join(REPO, file), 'utf8') !== content;
        } catch {
          return true;
        }
      })
      .map(([file]) => file);
    const orphans = orphanCheckPages(generated, REPO);
    expect(stale, `stale generated docs: run \`${DOCS_COMMAND}\``).toEqual([]);
    expect(orphans, `pages of checks that no longer exist: run \`${DOCS_COMMAND}\``).toEqual([]);
  }, 120_000);

  it('gives every check what its page is made of: what it finds, and official sources over https', () => {
    for (const { meta } of CHECKS) {
      expect(meta.finds.length, meta.id).toBeGreaterThan(20);
      expect(meta.sources.length, meta.id).toBeGreaterThan(0);
      for (const source of meta.sources) expect(source.url, meta.id).toMatch(/^https:\/\/[^\s)]+$/);
    }
  });

  it('shows, for every check, a fixture case that fires with its finding and one that does not', () => {
    for (const { meta } of CHECKS) {
      const page = readFileSync(path.join(REPO, checkDocPath(meta.id)), 'utf8');
      expect(page, meta.id).toMatch(/### Reported\n\n\[`[^`]+`\]\([^)]+\):\n\n`{3,}\n[ >] +\d+ \|/);
      expect(page, meta.id).toMatch(/### Not reported\n\n\[`[^`]+`\]\([^)]+\): no finding\./);
    }
  });
});

describe('the README', () => {
  it('stays under 25 KB', () => {
    expect(statSync(path.join(REPO, 'README.md')).size).toBeLessThan(README_LIMIT);
  });

  it('starts with the two set-up commands and links to docs/', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# shipshape\n\n```sh\nnpm ci && npx shipshape scan [^\n]+\nnpm test[^\n]*\n```/);
    expect(readme).toContain('](docs/');
  });
});

describe('links', () => {
  it('resolve in the README and every page under docs/: the file exists and the anchor names a heading', () => {
    const broken = documentationPages().flatMap((page) => brokenLinks(REPO, page));
    expect(broken.map((link) => `${link.file}:${link.line} ${link.target}: ${link.reason}`)).toEqual([]);
  });

  it('are found broken when the file, or the heading, is missing', () => {
    const root = writeTree(
      {
        'README.md':
          '# Tool\n\nSee [scan](docs/scan.md#the-text-report), [gone](docs/gone.md), [local](#tool) and [nowhere](#nowhere).\n\n```\n[not a link](missing.md)\n```\n',
        'docs/scan.md': '# `shipshape scan [dir]`\n\n## The text report\n\n## The text report\n',
      },
      tempDir(),
    );
    expect(brokenLinks(root, 'README.md').map((link) => [link.target, link.reason])).toEqual([
      ['docs/gone.md', 'no such file'],
      ['#nowhere', 'no heading with the anchor #nowhere'],
    ]);
    expect([...headingAnchors(readFileSync(path.join(root, 'docs/scan.md'), 'utf8'))]).toEqual([
      'shipshape-scan-dir',
      'the-text-report',
      'the-text-report-1',
    ]);
  });
});
