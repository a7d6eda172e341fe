import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '@babel/parser';
import { cleanTempDirs, gitInit, runAsync, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } });
const parses = (source: string) => parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'] });

async function migrate(files: Record<string, string>): Promise<{ dir: string; code: number; read: (file: string) => string }> {
  const dir = gitInit(writeTree({ 'package.json': PACKAGE, ...files }));
  const { code } = await runAsync(['migrate', 'app-router', '--yes'], { cwd: dir });
  return { dir, code, read: (file: string) => readFileSync(path.join(dir, file), 'utf8') };
}

describe('migrate app-router on page shapes from real apps', () => {
  it('splits a page that reads the router and imports a component named Page without redeclaring it', async () => {
    const { code, read } = await migrate({
      'components/page.tsx':
        'export default function Page({ children }: { children: React.ReactNode }) {\n  return <div>{children}</div>;\n}\n',
      'pages/post.tsx': [
        "import Page from '../components/page';",
        "import Head from 'next/head';",
        "import { useRouter } from 'next/router';",
        '',
        'export default function Post() {',
        '  const router = useRouter();',
        '  return (',
        '    <Page>',
        '      <Head>',
        '        <title>',
        '          A post',
        '          about things',
        '        </title>',
        '      </Head>',
        '      <p>{router.query.id}</p>',
        '    </Page>',
        '  );',
        '}',
        '',
      ].join('\n'),
    });
    expect(code).toBe(0);
    const page = read('app/post/page.tsx');
    parses(page);
    parses(read('app/post/client-page.tsx'));
    expect(page).toContain("title: 'A post about things'");
    expect(page).toContain('export default function Page()');
    expect(page).not.toMatch(/import Page\b/);
  });

  it('turns a data page into an async page that awaits its data, and keeps the data function out of the client module it splits off', async () => {
    const data = 'export async function getStaticProps() {\n  return { props: { posts: await getPosts() }, revalidate: 60 };\n}\n';
    const { code, read } = await migrate({
      'lib/posts.ts': "export async function getPosts() {\n  return [{ id: '1', title: 'a' }];\n}\n",
      'pages/index.tsx': [
        "import { useState } from 'react';",
        "import { getPosts } from '../lib/posts';",
        '',
        data,
        'export default function Home({ posts }: { posts: { id: string; title: string }[] }) {',
        '  const [open, setOpen] = useState(false);',
        '  return <ul onClick={() => setOpen(!open)}>{posts.map((p) => <li key={p.id}>{p.title}</li>)}</ul>;',
        '}',
        '',
      ].join('\n'),
      'pages/about.tsx': [
        "import { getPosts } from '../lib/posts';",
        '',
        data,
        'export default function About({ posts }: { posts: { id: string; title: string }[] }) {',
        '  return <p>{posts.length}</p>;',
        '}',
        '',
      ].join('\n'),
    });
    expect(code).toBe(0);
    const about = read('app/about/page.tsx');
    expect(about).toContain(
      'export default async function About() {\n  const { posts }: { posts: { id: string; title: string }[] } = await loadAboutData();',
    );
    expect(about).not.toMatch(/getPageProps|result\.props/);
    const page = read('app/page.tsx');
    expect(page).toContain('const props = await loadHomeData();\n  return <Home {...props} />;');
    const client = read('app/client-page.tsx');
    expect(client).toContain("'use client'");
    expect(client).not.toContain('loadHomeData');
    expect(client).not.toContain('getPosts');
    for (const source of [about, page, client]) parses(source);
  });
});
