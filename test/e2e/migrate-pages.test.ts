import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '@babel/parser';
import { cleanTempDirs, gitInit, run, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } });
const parses = (source: string) => parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'] });

function migrate(files: Record<string, string>): { dir: string; code: number; read: (file: string) => string } {
  const dir = gitInit(writeTree({ 'package.json': PACKAGE, ...files }));
  const { code } = run(['migrate', 'app-router', '--yes'], { cwd: dir });
  return { dir, code, read: (file: string) => readFileSync(path.join(dir, file), 'utf8') };
}

describe('migrate app-router on page shapes from real apps', () => {
  it('splits a page that reads the router and imports a component named Page without redeclaring it', () => {
    const { code, read } = migrate({
      'components/page.tsx': 'export default function Page({ children }: { children: React.ReactNode }) {\n  return <div>{children}</div>;\n}\n',
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
    expect(page).toContain('export default function RoutePage()');
  });
});
