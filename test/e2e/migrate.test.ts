import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanTempDirs, copyFixture, git, gitInit, runAsync, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } });
const page = (text: string) => `export default function Page() {\n  return <p>${text}</p>;\n}\n`;
const status = (dir: string) => git(dir, 'status', '--porcelain');

describe('shipshape migrate app-router', () => {
  it('--dry-run prints moves as renames, creates and deletes, and writes nothing', async () => {
    const dir = gitInit(copyFixture(path.join(FIXTURES, 'migrate-app-router', 'blog-static', 'input')));
    const { code, stdout, stderr } = await runAsync(['migrate', 'app-router', '--dry-run'], { cwd: dir });
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

  it('stops on what the App Router does not support, with the reasons, unless --force', async () => {
    const dir = gitInit(
      writeTree({
        'package.json': PACKAGE,
        'next.config.js': "module.exports = { i18n: { locales: ['en', 'de'], defaultLocale: 'en' } };\n",
        'pages/index.tsx': page('home'),
      }),
    );
    const refused = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('next.config.js:1');
    expect(refused.stderr).toContain('i18n');
    expect(refused.stderr).toContain('hint: replace those features first, or pass --force');
    expect(status(dir)).toBe('');
    const forced = await runAsync(['migrate', 'app-router', '--yes', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(existsSync(path.join(dir, 'app/page.tsx'))).toBe(true);
  });

  it('moves the app past files that are not UTF-8: a README or spreadsheet is ignored, a page that is not UTF-8 stays in pages/ with the reason', async () => {
    const dir = writeTree({ 'package.json': PACKAGE, 'pages/index.tsx': page('home'), 'pages/about.tsx': page('about') });
    const utf16 = Buffer.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    writeFileSync(path.join(dir, 'README.md'), utf16);
    writeFileSync(path.join(dir, 'pages/legacy.tsx'), utf16);
    gitInit(dir);
    const { code, stdout, stderr } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'app/about/page.tsx'), 'utf8')).toContain('about');
    expect(stdout).toMatch(/pages\/legacy\.tsx stays in pages\/: pages\/legacy\.tsx is not UTF-8/);
    expect(readFileSync(path.join(dir, 'README.md')).equals(utf16)).toBe(true);
    expect(readFileSync(path.join(dir, 'pages/legacy.tsx')).equals(utf16)).toBe(true);
  });

  it("writes the files it creates from nothing (root layout, global error) in the project's own style: CRLF, double quotes, no semicolons", async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const home = crlf('import Link from "next/link"\n\nexport default function Home() {\n  return <Link href="/about">About</Link>\n}\n');
    const about = crlf(
      'import { useState } from "react"\n\nexport default function About() {\n  const [open] = useState(false)\n  return <p>{open ? "open" : "about"}</p>\n}\n',
    );
    const failure = crlf('export default function ServerError() {\n  return <p>Something went wrong</p>\n}\n');
    const dir = gitInit(
      writeTree({ 'package.json': PACKAGE, 'pages/index.tsx': home, 'pages/about.tsx': about, 'pages/500.tsx': failure }),
    );
    const { code, stderr } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(code, stderr).toBe(0);
    for (const created of ['app/layout.tsx', 'app/global-error.tsx']) {
      const text = readFileSync(path.join(dir, created), 'utf8');
      expect(text.replace(/\r\n/g, ''), created).not.toContain('\n');
      expect(text, created).not.toMatch(/from '|;\r?$/m);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'on the App Router');
    expect((await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir })).code).toBe(0);
    expect(status(dir)).toBe('');
  });

  it('rewrites imports of moved pages at their own offsets in CRLF, tab-indented files that stay', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const create = crlf(
      'export interface ScheduleForm {\n\tteams: number;\n}\n\nexport default function Create() {\n\treturn <p>create</p>;\n}\n',
    );
    const summary = crlf(
      "import { useState } from 'react';\nimport type { ScheduleForm } from '../pages/create';\n\nexport function Summary({ form }: { form: ScheduleForm }) {\n\tconst [open] = useState(false);\n\treturn <p>{open ? form.teams : 0}</p>;\n}\n",
    );
    const dir = gitInit(writeTree({ 'package.json': PACKAGE, 'pages/create.tsx': create, 'components/summary.tsx': summary }));
    const { code, stderr } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(code, stderr).toBe(0);
    const rebased = readFileSync(path.join(dir, 'components/summary.tsx'), 'utf8');
    expect(rebased).toContain("import type { ScheduleForm } from '../app/create/page';\r\n");
    expect(rebased.replace("'../app/create/page'", "'../pages/create'")).toBe(summary);
  });

  it('refuses a dirty tree unless --allow-dirty, and needs --yes or --dry-run without a terminal', async () => {
    const dir = gitInit(writeTree({ 'package.json': PACKAGE, 'pages/index.tsx': page('home') }));
    writeFileSync(path.join(dir, 'notes.md'), 'draft\n');
    const dirty = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('uncommitted changes: notes.md');
    expect((await runAsync(['migrate', 'app-router'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['migrate', 'app-router', '--yes', '--allow-dirty'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'app/page.tsx'), 'utf8')).toBe(page('home'));
  });

  it('--routes migrates part of the app without a conflict, keeps the shell while pages remain, and finishes on the next run', async () => {
    const dir = gitInit(copyFixture(path.join(FIXTURES, 'migrate-app-router', 'blog-static', 'input')));
    expect((await runAsync(['migrate', 'app-router', '--yes', '--routes', '/blog/**'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'app/blog/[slug]/page.tsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'pages/blog/[slug].tsx'))).toBe(false);
    expect(existsSync(path.join(dir, 'pages/index.tsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'pages/_document.tsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'pages/404.tsx'))).toBe(true);
    const conflicts = await runAsync(['scan', '--only', 'route-conflict', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(conflicts.stdout).findings).toEqual([]);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'blog on the App Router');
    expect((await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'pages'))).toBe(false);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'all on the App Router');
    const again = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to migrate');
    expect(status(dir)).toBe('');
  });

  it('leaves a route app/ already serves where it is, and an API route it cannot split, with a TODO; --keep-pages-shell keeps _app for it', async () => {
    const files = {
      'package.json': PACKAGE,
      'pages/_app.tsx':
        "import type { AppProps } from 'next/app';\nimport '../styles.css';\n\nexport default function App({ Component, pageProps }: AppProps) {\n  return <Component {...pageProps} />;\n}\n",
      'styles.css': 'body { margin: 0; }\n',
      'pages/about.tsx': page('old about'),
      'app/about/page.tsx': page('new about'),
      'app/layout.tsx':
        'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
      'pages/contact.tsx': page('contact'),
      'pages/api/stream.ts': "import { withAuth } from '../../lib/auth';\n\nexport default withAuth((req, res) => res.end('ok'));\n",
      'lib/auth.ts': 'export const withAuth = <T,>(handler: T): T => handler;\n',
    };
    const plain = gitInit(writeTree(files));
    expect((await runAsync(['migrate', 'app-router', '--yes'], { cwd: plain })).code).toBe(0);
    expect(readFileSync(path.join(plain, 'pages/about.tsx'), 'utf8')).toBe(page('old about'));
    expect(readFileSync(path.join(plain, 'app/about/page.tsx'), 'utf8')).toBe(page('new about'));
    expect(readFileSync(path.join(plain, 'pages/api/stream.ts'), 'utf8')).toContain(
      '// TODO(shipshape): this API route is not a plain `(req, res)` handler',
    );
    expect(existsSync(path.join(plain, 'app/contact/page.tsx'))).toBe(true);
    // pages/about is still a page, so the shell stays.
    expect(existsSync(path.join(plain, 'pages/_app.tsx'))).toBe(true);

    const onlyApi = { ...files, 'pages/about.tsx': undefined, 'app/about/page.tsx': undefined };
    const tree = Object.fromEntries(Object.entries(onlyApi).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const retired = gitInit(writeTree(tree));
    expect((await runAsync(['migrate', 'app-router', '--yes'], { cwd: retired })).code).toBe(0);
    expect(existsSync(path.join(retired, 'pages/_app.tsx'))).toBe(false);
    // The existing root layout takes the global styles _app imported.
    expect(readFileSync(path.join(retired, 'app/layout.tsx'), 'utf8')).toContain("import '../styles.css';");
    expect(existsSync(path.join(retired, 'pages/api/stream.ts'))).toBe(true);
    const kept = gitInit(writeTree(tree));
    expect((await runAsync(['migrate', 'app-router', '--yes', '--keep-pages-shell'], { cwd: kept })).code).toBe(0);
    expect(existsSync(path.join(kept, 'pages/_app.tsx'))).toBe(true);
  });

  it('stops on a page it cannot convert, naming it, unless --force, which migrates the rest and leaves that page in pages/ with a TODO', async () => {
    const tree = {
      'package.json': PACKAGE,
      'pages/index.tsx': page('home'),
      'pages/broken.tsx': 'export default function Broken() {\n  return <div>;\n}\n',
    };
    const dir = gitInit(writeTree(tree));
    const stopped = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain('cannot migrate pages/broken.tsx: it does not parse (Unterminated JSX contents. (2:14))');
    expect(stopped.stderr).toContain('hint: pass --force');
    expect(status(dir)).toBe('');
    for (let pass = 0; pass < 2; pass++) {
      const forced = await runAsync(['migrate', 'app-router', '--yes', '--force'], { cwd: dir });
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain('pages/broken.tsx stays in pages/: it does not parse');
      const note =
        '// TODO(shipshape): this page stays in pages/ (both routers run side by side): it does not parse (Unterminated JSX contents. (2:14))\n';
      expect(readFileSync(path.join(dir, 'pages/broken.tsx'), 'utf8')).toBe(`${note}${tree['pages/broken.tsx']}`);
      expect(readFileSync(path.join(dir, 'app/page.tsx'), 'utf8')).toBe(page('home'));
      if (pass === 0) git(dir, 'add', '-A');
      if (pass === 0) git(dir, 'commit', '-q', '-m', 'the rest on the App Router');
    }
    // The second run changed nothing.
    expect(status(dir)).toBe('');
  });

  it('does not tell the user to pass --force when --force was given and a shared component still fails', async () => {
    const dir = gitInit(
      writeTree({
        'package.json': PACKAGE,
        'pages/index.tsx': "import Nav from '../components/Nav';\n\nexport default function Home() {\n  return <Nav />;\n}\n",
        'components/Nav.tsx':
          "import { useRouter } from 'next/router';\n\nexport default function Nav() {\n  const router = useRouter();\n  return <div>{router.pathname;\n}\n",
      }),
    );
    const forced = await runAsync(['migrate', 'app-router', '--yes', '--force'], { cwd: dir });
    expect(forced.stderr).toContain('components/Nav.tsx');
    expect(forced.stderr).toContain('hint: change that construct by hand');
    expect(forced.stderr).not.toContain('pass --force');
    expect(status(dir)).toBe('');
  });

  it('names every route it leaves in pages/, with the reason', async () => {
    const dir = gitInit(
      writeTree({
        'package.json': PACKAGE,
        'pages/index.tsx': page('home'),
        'pages/about.tsx': page('old about'),
        'app/about/page.tsx': page('new about'),
        'pages/legacy.tsx':
          'export default function Legacy({ n }: { n: number }) {\n  return <p>{n}</p>;\n}\n\nLegacy.getInitialProps = async () => ({ n: 1 });\n',
        'pages/api/.ory/[...paths].ts':
          "import { createApiHandler } from '../../../lib/ory';\n\nexport default createApiHandler({ apiBaseUrlOverride: 'https://ory.example' });\n",
        'lib/ory.ts':
          'export const createApiHandler = (options: { apiBaseUrlOverride: string }) => (req: unknown, res: { end(body: string): void }) => res.end(options.apiBaseUrlOverride);\n',
      }),
    );
    const { code, stdout } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('pages/about.tsx stays in pages/: app/ already serves /about');
    expect(stdout).toContain('pages/legacy.tsx stays in pages/: `getInitialProps` has no App Router equivalent');
    expect(stdout).toMatch(/pages\/api\/\.ory\/\[\.\.\.paths\]\.ts stays in pages\/: \S/);
    expect(existsSync(path.join(dir, 'pages/api/.ory/[...paths].ts'))).toBe(true);
    expect(existsSync(path.join(dir, 'app/page.tsx'))).toBe(true);
  });

  it('says when a server page reaches react-dom/server, which a server component cannot import', async () => {
    const dir = gitInit(
      writeTree({
        'package.json': PACKAGE,
        'lib/markdown.tsx':
          "import { renderToStaticMarkup } from 'react-dom/server';\n\nexport const toHtml = (text: string) => renderToStaticMarkup(<p>{text}</p>);\n",
        'pages/post.tsx':
          "import { toHtml } from '../lib/markdown';\n\nexport async function getStaticProps() {\n  return { props: { html: toHtml('hello') } };\n}\n\nexport default function Post({ html }: { html: string }) {\n  return <article dangerouslySetInnerHTML={{ __html: html }} />;\n}\n",
      }),
    );
    const { code, stdout } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('app/post/page.tsx reaches `react-dom/server`, which a server component cannot import');
  });

  it('moves an `_app` getInitialProps that reads cookies into the root layout without --force, and still stops on one that reads the router', async () => {
    const dir = gitInit(copyFixture(path.join(FIXTURES, 'migrate-app-router', 'app-initial-props', 'input')));
    const { code, stderr } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'app/layout.tsx'), 'utf8')).toContain('<Providers {...appProps}>');
    expect(readFileSync(path.join(dir, 'app/app-props.ts'), 'utf8')).toContain("(await cookies()).get('scheme')?.value");
    // A module of that name of the app's own stays as it is.
    const taken = copyFixture(path.join(FIXTURES, 'migrate-app-router', 'app-initial-props', 'input'));
    mkdirSync(path.join(taken, 'app'));
    writeFileSync(path.join(taken, 'app/app-props.ts'), 'export const props = 1;\n');
    gitInit(taken);
    expect((await runAsync(['migrate', 'app-router', '--yes'], { cwd: taken })).code).toBe(0);
    expect(readFileSync(path.join(taken, 'app/app-props.ts'), 'utf8')).toBe('export const props = 1;\n');
    expect(readFileSync(path.join(taken, 'app/layout.tsx'), 'utf8')).toContain("import { loadAppProps } from './app-props-2';");
    expect(readFileSync(path.join(taken, 'app/providers.tsx'), 'utf8')).not.toContain('getInitialProps');
    const routerApp = gitInit(
      writeTree({
        'package.json': PACKAGE,
        'pages/_app.tsx':
          "import App, { type AppContext, type AppProps } from 'next/app';\n\nconst MyApp = ({ Component, pageProps }: AppProps) => <Component {...pageProps} />;\n\nMyApp.getInitialProps = async (context: AppContext) => ({ ...(await App.getInitialProps(context)), locale: context.router.locale });\n\nexport default MyApp;\n",
        'pages/index.tsx': page('home'),
      }),
    );
    const refused = await runAsync(['migrate', 'app-router', '--yes'], { cwd: routerApp });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pages/_app.tsx:5');
  });

  it('guards a browser global that a module reached from app/ touches as it loads, and names the reads it cannot guard', async () => {
    const dir = gitInit(copyFixture(path.join(FIXTURES, 'migrate-app-router', 'module-scope-globals', 'input')));
    const { code, stdout, stderr } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'lib/shortcuts.ts'), 'utf8')).toContain(
      "if (typeof window !== 'undefined') {\n  window.addEventListener",
    );
    expect(stdout).toContain('lib/shortcuts.ts:8 reads `navigator` as the module loads');
    expect(stdout).not.toContain('lib/format.ts');
  });
});

describe('the migration keeps all of a moved module', () => {
  it('names the declarations and elements a conversion would drop, and accepts what a TODO names', async () => {
    const api = (await import('jscodeshift')).default.withParser('tsx');
    const { droppedCode } = await import('../../transforms/migrate-app-router/invariant.ts');
    const original =
      "import Head from 'next/head';\nconst LIMIT = 3;\nfunction Row() {\n  return <li>row</li>;\n}\nexport default function List() {\n  return <ul><Head><title>x</title></Head><Row /><Row /></ul>;\n}\n";
    expect(droppedCode(api, original, ["'use client';\n"])).toEqual([
      '`LIMIT`',
      '`Row`',
      '`List`',
      '1 of 1 `<li>` element(s)',
      '1 of 1 `<ul>` element(s)',
      '2 of 2 `<Row>` element(s)',
    ]);
    const split = [
      "import List from './client-page';\nexport const metadata = { title: 'x' };\nexport default function Page() {\n  return <List />;\n}\n",
      "'use client';\nconst LIMIT = 3;\nfunction Row() {\n  return <li>row</li>;\n}\nexport default function List() {\n  return <ul><Row /><Row /></ul>;\n}\n",
    ];
    expect(droppedCode(api, original, split)).toEqual([]);
    expect(droppedCode(api, original, [split[1]!.replace('const LIMIT = 3;', '// TODO(shipshape): `LIMIT` moved by hand')])).toEqual([]);
    // An API handler becomes its HTTP methods.
    const handler = "async function handler(req, res) {\n  res.end('x');\n}\nexport default handler;\n";
    expect(droppedCode(api, handler, ["export async function POST() {\n  return new Response('x');\n}\n"])).toEqual([]);
    expect(droppedCode(api, handler, ["export const dynamic = 'force-dynamic';\n"])).toEqual(['`handler`']);
  });
});
