import { describe, expect, it } from 'vitest';
import jscodeshift from 'jscodeshift';
import { applyTransform } from 'jscodeshift/src/testUtils.js';
import * as appToProviders from '../transforms/app-router/app-to-providers.ts';

const j = jscodeshift.withParser('tsx');

const LAYOUT = `import './globals.css';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;

const appWithSeo = (props: string) => `import type { AppProps } from 'next/app';
import { DefaultSeo } from 'next-seo';

export default function App({ Component, pageProps }: AppProps) {
  return (
    <>
      <DefaultSeo ${props} />
      <Component {...pageProps} />
    </>
  );
}
`;

describe("_app's DefaultSeo becomes the root layout's metadata", () => {
  it('gives the layout a typed metadata export with the title template, description, Open Graph, Twitter and robots', () => {
    const app = appWithSeo(
      `title="Acme" titleTemplate="%s | Acme" description="Tools for teams" canonical="https://acme.dev" openGraph={{ type: 'website', siteName: 'Acme' }} twitter={{ handle: '@acme', cardType: 'summary' }} noindex`,
    );
    const layout = appToProviders.withAppMetadata(j, LAYOUT, app, 'app/layout.tsx');
    expect(layout).toContain(`import type { Metadata } from 'next';`);
    expect(layout).toContain(`export const metadata: Metadata = {
  title: { default: 'Acme', template: '%s | Acme' },
  description: 'Tools for teams',
  alternates: { canonical: 'https://acme.dev' },
  openGraph: { type: 'website', siteName: 'Acme' },
  twitter: { creator: '@acme', card: 'summary' },
  robots: { index: false, follow: true },
};`);
    expect(() => j(layout)).not.toThrow();
    expect(appToProviders.withAppMetadata(j, layout, app, 'app/layout.tsx')).toBe(layout);
  });

  it('writes no type in a JavaScript layout', () => {
    const layout = appToProviders.withAppMetadata(
      j,
      LAYOUT.replace(': { children: React.ReactNode }', ''),
      appWithSeo('title="Acme"'),
      'app/layout.jsx',
    );
    expect(layout).toContain(`export const metadata = {\n  title: 'Acme',\n};`);
    expect(layout).not.toContain('Metadata');
  });

  it('leaves the layout alone when the props are not literals, and the providers keep the element with a TODO', () => {
    const app = appWithSeo('title={site.name}');
    expect(appToProviders.withAppMetadata(j, LAYOUT, app, 'app/layout.tsx')).toBe(LAYOUT);
    const providers = applyTransform({ default: appToProviders.default, parser: 'tsx' }, {}, { path: 'pages/_app.tsx', source: app });
    expect(providers).toContain('<DefaultSeo title={site.name} />');
    expect(providers).toContain('TODO(shipshape): `<DefaultSeo>` from `next-seo` does nothing in the App Router');
  });

  it('asks for a merge where the layout has metadata of its own', () => {
    const own = LAYOUT.replace("import './globals.css';\n", "import './globals.css';\n\nexport const metadata = { title: 'Mine' };\n");
    const layout = appToProviders.withAppMetadata(j, own, appWithSeo('title="Acme"'), 'app/layout.tsx');
    expect(layout).toContain('TODO(shipshape): `<DefaultSeo>` in `_app` set the title');
    expect(layout).toContain("export const metadata = { title: 'Mine' };");
  });
});

describe('an _app the rule cannot turn into Providers', () => {
  it('stops, naming the file and the wrapper, when the App is exported through a wrapper', () => {
    const source = `import { appWithTranslation } from 'next-i18next';

function MyApp({ Component, pageProps }) {
  return <Component {...pageProps} />;
}

export default appWithTranslation(MyApp);
`;
    expect(() => applyTransform({ default: appToProviders.default, parser: 'tsx' }, {}, { path: 'pages/_app.jsx', source })).toThrow(
      /^pages\/_app\.jsx: the App is exported through `appWithTranslation\(…\)`/,
    );
  });

  it('stops when the App passes its props object on whole', () => {
    const source = `import { Shell } from '../components/shell';

export default function App(props) {
  return <Shell {...props} />;
}
`;
    expect(() => applyTransform({ default: appToProviders.default, parser: 'tsx' }, {}, { path: 'pages/_app.jsx', source })).toThrow(
      /^pages\/_app\.jsx: the App reads `props` as a whole/,
    );
  });
});

describe('a class _app', () => {
  it('stops, naming the file, when the class holds more than render()', () => {
    const source = `import App from 'next/app';

export default class MyApp extends App {
  state = { ready: false };
  componentDidMount() {
    this.setState({ ready: true });
  }
  render() {
    const { Component, pageProps } = this.props;
    return <Component {...pageProps} />;
  }
}
`;
    expect(() => applyTransform({ default: appToProviders.default, parser: 'tsx' }, {}, { path: 'pages/_app.jsx', source })).toThrow(
      /^pages\/_app\.jsx: `class MyApp` has `state`, `componentDidMount` besides `render\(\)`/,
    );
  });
});
