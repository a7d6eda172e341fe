import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanTempDirs, copyFixture, git, gitInit, run, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } });
const page = (text: string) => `export default function Page() {\n  return <p>${text}</p>;\n}\n`;
const status = (dir: string) => git(dir, 'status', '--porcelain');

describe('shipshape migrate app-router', () => {
  it('--dry-run prints moves as renames, creates and deletes, and writes nothing', () => {
    const dir = gitInit(copyFixture(path.join(FIXTURES, 'migrate-app-router', 'blog-static', 'input')));
    const { code, stdout, stderr } = run(['migrate', 'app-router', '--dry-run'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('rename from pages/blog/[slug].tsx\nrename to app/blog/[slug]/page.tsx');
    expect(stdout).toContain('rename from pages/404.tsx\nrename to app/not-found.tsx');
    expect(stdout).toContain('diff --git a/pages/_document.tsx b/pages/_document.tsx\ndeleted file mode 100644');
    expect(stdout).toContain('+export const dynamicParams = false;');
    expect(stderr).toContain('would be changed');
    expect(status(dir)).toBe('');
    // The diff is a patch git takes as it is, renames included.
    writeFileSync(path.join(dir, '..', `${path.basename(dir)}.patch`), stdout);
    git(dir, 'apply', '--check', path.join(dir, '..', `${path.basename(dir)}.patch`));
  });

  it('stops on what the App Router does not support, with the reasons, unless --force', () => {
    const dir = gitInit(
      writeTree({
        'package.json': PACKAGE,
        'next.config.js': "module.exports = { i18n: { locales: ['en', 'de'], defaultLocale: 'en' } };\n",
        'pages/index.tsx': page('home'),
      }),
    );
    const refused = run(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('next.config.js:1');
    expect(refused.stderr).toContain('i18n');
    expect(refused.stderr).toContain('hint: replace those features first, or pass --force');
    expect(status(dir)).toBe('');
    const forced = run(['migrate', 'app-router', '--yes', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(existsSync(path.join(dir, 'app/page.tsx'))).toBe(true);
  });

  it('refuses a dirty tree unless --allow-dirty, and needs --yes or --dry-run without a terminal', () => {
    const dir = gitInit(writeTree({ 'package.json': PACKAGE, 'pages/index.tsx': page('home') }));
    writeFileSync(path.join(dir, 'notes.md'), 'draft\n');
    const dirty = run(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('uncommitted changes: notes.md');
    expect(run(['migrate', 'app-router'], { cwd: dir }).code).toBe(2);
    expect(run(['migrate', 'app-router', '--yes', '--allow-dirty'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'app/page.tsx'), 'utf8')).toBe(page('home'));
  });

  it('--routes migrates part of the app without a conflict, keeps the shell while pages remain, and finishes on the next run', () => {
    const dir = gitInit(copyFixture(path.join(FIXTURES, 'migrate-app-router', 'blog-static', 'input')));
    expect(run(['migrate', 'app-router', '--yes', '--routes', '/blog/**'], { cwd: dir }).code).toBe(0);
    expect(existsSync(path.join(dir, 'app/blog/[slug]/page.tsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'pages/blog/[slug].tsx'))).toBe(false);
    expect(existsSync(path.join(dir, 'pages/index.tsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'pages/_document.tsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'pages/404.tsx'))).toBe(true);
    const conflicts = run(['scan', '--only', 'route-conflict', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(conflicts.stdout).findings).toEqual([]);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'blog on the App Router');
    expect(run(['migrate', 'app-router', '--yes'], { cwd: dir }).code).toBe(0);
    expect(existsSync(path.join(dir, 'pages'))).toBe(false);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'all on the App Router');
    const again = run(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to migrate');
    expect(status(dir)).toBe('');
  });

  it('leaves a route app/ already serves where it is, and an API route it cannot split, with a TODO; --keep-pages-shell keeps _app for it', () => {
    const files = {
      'package.json': PACKAGE,
      'pages/_app.tsx': "import type { AppProps } from 'next/app';\nimport '../styles.css';\n\nexport default function App({ Component, pageProps }: AppProps) {\n  return <Component {...pageProps} />;\n}\n",
      'styles.css': 'body { margin: 0; }\n',
      'pages/about.tsx': page('old about'),
      'app/about/page.tsx': page('new about'),
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
      'pages/contact.tsx': page('contact'),
      'pages/api/stream.ts': "import { withAuth } from '../../lib/auth';\n\nexport default withAuth((req, res) => res.end('ok'));\n",
      'lib/auth.ts': 'export const withAuth = <T,>(handler: T): T => handler;\n',
    };
    const plain = gitInit(writeTree(files));
    expect(run(['migrate', 'app-router', '--yes'], { cwd: plain }).code).toBe(0);
    expect(readFileSync(path.join(plain, 'pages/about.tsx'), 'utf8')).toBe(page('old about'));
    expect(readFileSync(path.join(plain, 'app/about/page.tsx'), 'utf8')).toBe(page('new about'));
    expect(readFileSync(path.join(plain, 'pages/api/stream.ts'), 'utf8')).toContain('// TODO(shipshape): this API route is not a plain `(req, res)` handler');
    expect(existsSync(path.join(plain, 'app/contact/page.tsx'))).toBe(true);
    // pages/about is still a page, so the shell stays.
    expect(existsSync(path.join(plain, 'pages/_app.tsx'))).toBe(true);

    const onlyApi = { ...files, 'pages/about.tsx': undefined, 'app/about/page.tsx': undefined };
    const tree = Object.fromEntries(Object.entries(onlyApi).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const retired = gitInit(writeTree(tree));
    expect(run(['migrate', 'app-router', '--yes'], { cwd: retired }).code).toBe(0);
    expect(existsSync(path.join(retired, 'pages/_app.tsx'))).toBe(false);
    // The existing root layout takes the global styles _app imported.
    expect(readFileSync(path.join(retired, 'app/layout.tsx'), 'utf8')).toContain("import '../styles.css';");
    expect(existsSync(path.join(retired, 'pages/api/stream.ts'))).toBe(true);
    const kept = gitInit(writeTree(tree));
    expect(run(['migrate', 'app-router', '--yes', '--keep-pages-shell'], { cwd: kept }).code).toBe(0);
    expect(existsSync(path.join(kept, 'pages/_app.tsx'))).toBe(true);
  });
});
