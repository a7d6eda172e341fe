// npm run bench:migrate -- <apps-dir>: runs `migrate app-router` on real Pages Router apps and builds
// each one with `next build --webpack` before and after, using this repository's Next.js and React.
// The apps are listed in bench/migrate-apps/<owner>+<name>.json; bench/migrate-apps/fetch.md says how to fill the folder.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as babelParse } from '@babel/parser';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const cli = path.join(repo, 'bin', 'shipshape.js');
const nextBin = path.join(repo, 'node_modules/next/dist/bin/next');

/** Packages every app gets from this repository, so that one React and one Next.js are bundled. */
const PROVIDED = ['next', 'react', 'react-dom', 'typescript', '@types/react', '@types/react-dom', '@types/node'];
/** Pages that each router adds on its own, not routes of the app. */
const FRAMEWORK_ROUTES = new Set(['/_app', '/_document', '/_error', '/404', '/500', '/_not-found', '/_global-error']);
/** Page exports the migration replaces by design: their absence afterwards is not lost code. */
const REPLACED_EXPORTS = new Set(['getStaticProps', 'getServerSideProps', 'getStaticPaths', 'getInitialProps', 'config', 'default']);
/** JSX the migration turns into something else by design (metadata, the root layout, a Link's own anchor). */
const CONVERTED_TAGS = new Set([
  'Head',
  'Html',
  'Main',
  'NextScript',
  'Component',
  'title',
  'meta',
  'link',
  'a',
  'NextSeo',
  'DefaultSeo',
  'Layout',
]);
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

function usage(reason, hint) {
  console.error(`bench:migrate: ${reason}`);
  console.error(`hint: ${hint}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      app: { type: 'string', multiple: true },
      list: { type: 'string', default: path.join(here, 'migrate-apps') },
      'no-build': { type: 'boolean', default: false },
      'build-all': { type: 'boolean', default: false },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  usage(error.message, 'npm run bench:migrate -- <apps-dir> [--app owner+name] [--no-build | --build-all] [--out dir] [--keep]');
}
const [appsDir] = args.positionals;
if (!appsDir || args.positionals.length > 1)
  usage(
    'expected one argument, the folder that holds the apps',
    'npm run bench:migrate -- /work/apps-pages (bench/migrate-apps/fetch.md says how to fill it)',
  );
if (!existsSync(appsDir) || !statSync(appsDir).isDirectory())
  usage(`${appsDir} is not a folder`, 'bench/migrate-apps/fetch.md lists the commands that fill it');
if (!existsSync(path.join(repo, 'dist'))) usage('dist/ is missing', 'npm run build first (npm run bench:migrate does it)');

const apps = readdirSync(args.values.list)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name: name.slice(0, -'.json'.length), ...JSON.parse(readFileSync(path.join(args.values.list, name), 'utf8')) }))
  .filter((app) => !args.values.app || args.values.app.includes(app.name));
if (apps.length === 0)
  usage(
    `no app list entry in ${args.values.list}${args.values.app ? ` matches --app ${args.values.app.join(', ')}` : ''}`,
    'the name is <owner>+<name>, as in bench/migrate-apps/<owner>+<name>.json',
  );

const outDir = path.resolve(args.values.out ?? mkdtempSync(path.join(tmpdir(), 'shipshape-migrate-bench-')));
mkdirSync(outDir, { recursive: true });
const depsRoot = path.join(path.resolve(appsDir), '.deps');

function listFiles(dir, rel = '') {
  const out = [];
  if (!existsSync(path.join(dir, rel))) return out;
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (['node_modules', '.git', '.next', '.shipshape'].includes(entry.name)) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, child));
    else if (entry.isFile()) out.push(child);
  }
  return out;
}

function pagesDir(dir) {
  for (const candidate of ['src/pages', 'pages']) if (existsSync(path.join(dir, candidate))) return candidate;
  return undefined;
}

/** The page and API route files of `pages/`, without the framework files (`_app`, `_document`, `_error`). */
function routeFiles(dir) {
  const pages = pagesDir(dir);
  if (!pages) return { pages: [], api: [] };
  const files = listFiles(dir, pages).filter((file) => SOURCE.test(file) && !/\.d\.ts$/.test(file) && !/\/_[^/]*$/.test(file));
  const isApi = (file) => file.startsWith(`${pages}/api/`);
  return { pages: files.filter((file) => !isApi(file)), api: files.filter(isApi) };
}

function parse(code, file) {
  return babelParse(code, {
    sourceType: 'module',
    errorRecovery: true,
    plugins: [...(/\.[cm]?tsx?$/.test(file) ? ['typescript'] : []), ...(/\.[cm]?ts$/.test(file) ? [] : ['jsx']), 'decorators-legacy'],
  });
}

/** Top-level declared names of a module (imports excluded), the name of its default export, and its JSX tags counted. */
function moduleFacts(code, file) {
  const declared = new Set();
  const tags = new Map();
  let defaultName;
  let ast;
  try {
    ast = parse(code, file);
  } catch {
    return { declared, tags, defaultName };
  }
  const addPattern = (pattern) => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') declared.add(pattern.name);
    else if (pattern.type === 'ObjectPattern')
      for (const property of pattern.properties) addPattern(property.type === 'RestElement' ? property.argument : property.value);
    else if (pattern.type === 'ArrayPattern') for (const element of pattern.elements) addPattern(element);
    else if (pattern.type === 'AssignmentPattern') addPattern(pattern.left);
    else if (pattern.type === 'RestElement') addPattern(pattern.argument);
  };
  const addDeclaration = (node) => {
    if (!node) return;
    if (node.type === 'VariableDeclaration') for (const declarator of node.declarations) addPattern(declarator.id);
    else if (node.id?.type === 'Identifier') declared.add(node.id.name);
  };
  for (const statement of ast.program.body) {
    if (statement.type === 'ExportNamedDeclaration') addDeclaration(statement.declaration);
    else if (statement.type === 'ExportDefaultDeclaration') {
      addDeclaration(statement.declaration);
      defaultName =
        statement.declaration.id?.name ?? (statement.declaration.type === 'Identifier' ? statement.declaration.name : undefined);
    } else if (!statement.type.startsWith('Import')) addDeclaration(statement);
  }
  const tagName = (name) =>
    name.type === 'JSXIdentifier'
      ? name.name
      : name.type === 'JSXMemberExpression'
        ? `${tagName(name.object)}.${name.property.name}`
        : `${name.namespace.name}:${name.name.name}`;
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'JSXOpeningElement') tags.set(tagName(node.name), (tags.get(tagName(node.name)) ?? 0) + 1);
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'leadingComments' || key === 'trailingComments') continue;
      const value = node[key];
      if (Array.isArray(value)) for (const child of value) visit(child);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast.program);
  return { declared, tags, defaultName };
}

function run(command, argv, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', seconds: (Date.now() - started) / 1000 };
}

function gitInit(dir) {
  const git = (...argv) => run('git', argv, { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'app', '--no-verify');
}

/**
 * The app's own dependencies, installed once per app under <apps-dir>/.deps/<app>, with this repository's Next.js,
 * React and TypeScript linked in their place. An app that needs nothing else uses this repository's node_modules.
 */
function dependencies(app, dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const wanted = { ...manifest.dependencies, ...manifest.devDependencies };
  for (const name of PROVIDED) delete wanted[name];
  for (const name of Object.keys(wanted))
    if (/^(eslint|@typescript-eslint\/|prettier|@storybook\/|storybook|jest|@testing-library\/|husky|lint-staged)/.test(name))
      delete wanted[name];
  // A package named after a Node.js built-in (`fs`) is an npm placeholder that no longer installs.
  for (const name of builtinModules) delete wanted[name];
  for (const [name, spec] of Object.entries(wanted)) if (isDistTag(spec)) wanted[name] = lockedVersion(dir, name) ?? spec;
  const missing = Object.keys(wanted).filter((name) => !existsSync(path.join(repo, 'node_modules', name)));
  if (missing.length === 0) return path.join(repo, 'node_modules');
  const cache = path.join(depsRoot, app.name);
  const modules = path.join(cache, 'node_modules');
  const stamp = path.join(cache, 'installed.json');
  const key = JSON.stringify(wanted);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== key) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    writeFileSync(path.join(cache, 'package.json'), `${JSON.stringify({ name: 'deps', private: true, dependencies: wanted }, null, 2)}\n`);
    process.stderr.write(`${app.name}: npm install of ${Object.keys(wanted).length} packages into ${cache}\n`);
    // Peer dependencies stay uninstalled: React and Next.js come from this repository, once.
    const install = run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--loglevel=error'], {
      cwd: cache,
    });
    if (install.code !== 0) {
      writeFileSync(path.join(outDir, `${app.name}.install.log`), install.stdout + install.stderr);
      return undefined;
    }
    writeFileSync(stamp, key);
  }
  for (const name of PROVIDED) {
    const target = path.join(modules, name);
    rmSync(target, { recursive: true, force: true });
    if (!existsSync(path.join(repo, 'node_modules', name))) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.join(repo, 'node_modules', name), target, 'dir');
  }
  return modules;
}

/** A dist-tag other than `latest` (`dev-preview`): registries drop them, so the version the app locked is installed instead. */
const isDistTag = (spec) => /^[a-z][\w.-]*$/i.test(spec) && !/^(latest|x)$/i.test(spec);

/** The version of `name` that the app's lockfile (npm, pnpm or yarn) resolved. */
function lockedVersion(dir, name) {
  const read = (file) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8') : null);
  const npmLock = read('package-lock.json');
  if (npmLock) return JSON.parse(npmLock).packages?.[`node_modules/${name}`]?.version;
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pnpmLock = read('pnpm-lock.yaml');
  const pnpm =
    pnpmLock && new RegExp(`^\\s+'?${escaped}'?:\\s*(?:\\n\\s+specifier:.*\\n\\s+version:\\s*)?'?(\\d[^_(\\s']*)`, 'm').exec(pnpmLock);
  if (pnpm) return pnpm[1];
  const yarnLock = read('yarn.lock');
  const yarn = yarnLock && new RegExp(`^"?${escaped}@[^\\n]*:\\n\\s+version:?\\s+"?([^"\\s]+)`, 'm').exec(yarnLock);
  return yarn?.[1];
}

/**
 * What the app needs before `next build` that its own install step would do: the Prisma client, generated from the
 * app's schema. The reason when that failed, or null.
 */
function prepare(dir, modules) {
  const schema = ['prisma/schema.prisma', 'schema.prisma'].find((file) => existsSync(path.join(dir, file)));
  const prisma = path.join(modules, 'prisma/build/index.js');
  // Never into this repository's own node_modules, which an app without dependencies of its own shares.
  if (!schema || !existsSync(prisma) || modules === path.join(repo, 'node_modules')) return null;
  // Without network access to Prisma's engine downloads: a client without a query engine (Prisma 5.2 and later) is
  // enough to bundle and prerender pages that do not query at build time. The engine paths only stop the download.
  const noEngine = path.join(depsRoot, 'no-engine');
  writeFileSync(noEngine, '');
  const generated = run(process.execPath, [prisma, 'generate', '--no-engine', `--schema=${schema}`], {
    cwd: dir,
    env: {
      ...process.env,
      PRISMA_QUERY_ENGINE_LIBRARY: noEngine,
      PRISMA_SCHEMA_ENGINE_BINARY: noEngine,
      PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
    },
  });
  return generated.code === 0 ? null : `prisma generate: ${buildError(generated.stdout + generated.stderr) || 'failed'}`;
}

/** Runs `next build` without type-checking when `typesOff` (a config that wraps the app's own). */
function nextBuild(dir, modules, typesOff) {
  rmSync(path.join(dir, '.next'), { recursive: true, force: true });
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
  const configs = readdirSync(dir).filter((file) => /^next\.config\.[cm]?[jt]s$/.test(file));
  if (configs.length === 0) writeFileSync(path.join(dir, 'next.config.mjs'), 'export default {};\n');
  if (typesOff) wrapConfig(dir);
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [nextBin, 'build', '--webpack'], {
      cwd: dir,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        // No network: Google Fonts answer from a stand-in, so an app using `next/font/google` builds as it would online.
        NEXT_FONT_GOOGLE_MOCKED_RESPONSES: path.join(here, 'migrate-apps', 'google-fonts-offline.cjs'),
        // What this repository's Next.js loads for the app (`critters` for `optimizeCss`) resolves from the app's own dependencies.
        NODE_PATH: modules,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) =>
      resolve({ code, output, seconds: (Date.now() - started) / 1000, routes: code === 0 ? routesOf(dir) : undefined }),
    );
  });
}

/** Replaces the app's next.config with one that loads it and turns off the type-check step. */
function wrapConfig(dir) {
  const [config] = readdirSync(dir).filter((file) => /^next\.config\.[cm]?[jt]s$/.test(file));
  if (config === 'next.config.bench.mjs' || existsSync(path.join(dir, 'next.config.bench.mjs'))) return;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const esm = config.endsWith('.mjs') || (config.endsWith('.js') && manifest.type === 'module');
  const original = `next.config.original.${esm ? 'mjs' : config.endsWith('.ts') ? 'ts' : 'cjs'}`;
  renameSync(path.join(dir, config), path.join(dir, original));
  const load =
    esm || original.endsWith('.ts') ? `(await import('./${original}')).default` : `createRequire(import.meta.url)('./${original}')`;
  writeFileSync(
    path.join(dir, 'next.config.mjs'),
    [
      "import { createRequire } from 'node:module';",
      `const loaded = ${load};`,
      'export default async (...args) => {',
      '  const config = await (typeof loaded === "function" ? loaded(...args) : loaded);',
      '  return { ...config, typescript: { ...config?.typescript, ignoreBuildErrors: true } };',
      '};',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'next.config.bench.mjs'), '');
}

function routesOf(dir) {
  const routes = { pages: [], app: [] };
  const pagesManifest = path.join(dir, '.next/server/pages-manifest.json');
  if (existsSync(pagesManifest))
    routes.pages = Object.keys(JSON.parse(readFileSync(pagesManifest, 'utf8'))).filter((route) => !FRAMEWORK_ROUTES.has(route));
  const appManifest = path.join(dir, '.next/app-path-routes-manifest.json');
  if (existsSync(appManifest))
    routes.app = Object.values(JSON.parse(readFileSync(appManifest, 'utf8'))).filter((route) => !FRAMEWORK_ROUTES.has(route));
  return routes;
}

const allRoutes = (routes) => [...new Set([...routes.pages, ...routes.app])].sort();

/** The first line of a build failure that says what broke. */
function buildError(output) {
  const lines = output.split('\n').map((line) => line.trim());
  const found =
    lines.find(
      (line) =>
        /^(Type error|Error:|Module not found|Failed to compile|SyntaxError|TypeError|ReferenceError|x |⨯ )/.test(line) &&
        !/^Failed to compile\.?$/.test(line),
    ) ??
    lines.find((line) => /error/i.test(line)) ??
    '';
  return found.slice(0, 200);
}

function migrate(source, force) {
  const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-migrate-app-'));
  cpSync(source, dir, { recursive: true, filter: (file) => !/[\\/](node_modules|\.next|\.git)$/.test(file) });
  gitInit(dir);
  const argv = [cli, 'migrate', 'app-router', '.', '--yes', ...(force ? ['--force'] : [])];
  const result = run(process.execPath, argv, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  const output = `${result.stdout}\n${result.stderr}`;
  // A stack trace or "internal error" on exit 3, or exit 1 with no file named, is a crash; exit 2 is a refusal with a reason.
  const crashed = result.code === 3 || (result.code !== 0 && result.code !== 2) || /\n\s+at .+\(.+:\d+:\d+\)/.test(output);
  return { dir, code: result.code, crashed, output, seconds: result.seconds };
}

/**
 * What the migration lost, as a cheap invariant: names declared at the top of `pages/` modules that no source file
 * declares afterwards (a page's default export may be renamed), and JSX elements of which the app has fewer afterwards
 * (tags the migration converts by design, such as `<Head>` or `<Html>`, are not counted).
 */
function dropped(before, after) {
  const names = new Map();
  const shell = listFiles(before, pagesDir(before) ?? 'pages').filter((file) => SOURCE.test(file));
  for (const file of shell) {
    const { declared, defaultName } = moduleFacts(readFileSync(path.join(before, file), 'utf8'), file);
    for (const name of declared) if (!REPLACED_EXPORTS.has(name) && name !== defaultName) names.set(name, file);
  }
  const present = new Set();
  for (const file of listFiles(after).filter((file) => SOURCE.test(file)))
    for (const name of moduleFacts(readFileSync(path.join(after, file), 'utf8'), file).declared) present.add(name);
  const countTags = (dir) => {
    const counts = new Map();
    for (const file of listFiles(dir).filter((file) => SOURCE.test(file))) {
      for (const [tag, count] of moduleFacts(readFileSync(path.join(dir, file), 'utf8'), file).tags)
        counts.set(tag, (counts.get(tag) ?? 0) + count);
    }
    return counts;
  };
  const tagsAfter = countTags(after);
  const tags = [...countTags(before)]
    .filter(([tag, count]) => !CONVERTED_TAGS.has(tag) && (tagsAfter.get(tag) ?? 0) < count)
    .map(([tag, count]) => `<${tag}> ${count} → ${tagsAfter.get(tag) ?? 0}`);
  return { names: [...names].filter(([name]) => !present.has(name)).map(([name, file]) => `${file}:${name}`), tags };
}

function leftBehind(dir) {
  const { pages, api } = routeFiles(dir);
  return [...pages, ...api];
}

const results = [];
for (const app of apps) {
  const source = path.join(appsDir, app.name);
  if (!existsSync(source)) {
    console.log(`skip ${app.name}: ${source} not found`);
    continue;
  }
  const head = run('git', ['-C', source, 'rev-parse', 'HEAD']).stdout.trim();
  if (head && !head.startsWith('fatal') && head !== app.commit) {
    console.log(`skip ${app.name}: checked out at ${head.slice(0, 12)}, listed at ${app.commit.slice(0, 12)}`);
    continue;
  }
  const files = routeFiles(source);
  const row = {
    app: app.name,
    pages: files.pages.length,
    api: files.api.length,
    ...(app.buildLimit ? { buildLimit: app.buildLimit } : {}),
  };
  process.stderr.write(`${app.name}: ${row.pages} pages, ${row.api} API routes\n`);

  let migrated = migrate(source, false);
  row.exit = migrated.code;
  row.crashed = migrated.crashed;
  if (migrated.code !== 0) {
    writeFileSync(path.join(outDir, `${app.name}.migrate.log`), migrated.output);
    const forced = migrate(source, true);
    row.forceExit = forced.code;
    row.forceCrashed = forced.crashed;
    writeFileSync(path.join(outDir, `${app.name}.forced.log`), forced.output);
    if (forced.code === 0) {
      if (!args.values.keep) rmSync(migrated.dir, { recursive: true, force: true });
      migrated = forced;
    } else if (!args.values.keep) rmSync(forced.dir, { recursive: true, force: true });
  }
  if (migrated.code === 0) writeFileSync(path.join(outDir, `${app.name}.migrated.log`), migrated.output);
  row.migrateSeconds = migrated.seconds;
  if (migrated.code === 0) {
    row.leftBehind = leftBehind(migrated.dir);
    const lost = dropped(source, migrated.dir);
    row.dropped = lost.names;
    row.droppedTags = lost.tags;
    row.todos =
      (migrated.output.match(/TODO\(shipshape\)/g) ?? []).length + Number(/manual follow-ups: (\d+)/.exec(migrated.output)?.[1] ?? 0);
  }

  // An app the migration could not convert has nothing to compare, and two builds of a real app take minutes.
  if (!args.values['no-build'] && (migrated.code === 0 || args.values['build-all'])) {
    const modules = dependencies(app, source);
    if (!modules) {
      row.before = 'no deps';
    } else {
      const original = mkdtempSync(path.join(tmpdir(), 'shipshape-migrate-orig-'));
      cpSync(source, original, { recursive: true, filter: (file) => !/[\\/](node_modules|\.next|\.git)$/.test(file) });
      if (!existsSync(path.join(original, 'node_modules'))) symlinkSync(modules, path.join(original, 'node_modules'), 'dir');
      const unprepared = prepare(original, modules);
      if (unprepared) row.prepareError = unprepared;
      let before = await nextBuild(original, modules, false);
      let typesOff = false;
      if (before.code !== 0 && /Failed to type check|^Type error:/m.test(before.output)) {
        writeFileSync(path.join(outDir, `${app.name}.build-before-typed.log`), before.output);
        typesOff = true;
        before = await nextBuild(original, modules, true);
      }
      row.typesOff = typesOff;
      writeFileSync(path.join(outDir, `${app.name}.build-before.log`), before.output);
      row.before = before.code === 0 ? 'ok' : 'fail';
      row.beforeSeconds = before.seconds;
      if (before.code !== 0) row.beforeError = buildError(before.output);
      if (migrated.code === 0) {
        const after = await nextBuild(migrated.dir, modules, typesOff);
        writeFileSync(path.join(outDir, `${app.name}.build-after.log`), after.output);
        row.after = after.code === 0 ? 'ok' : 'fail';
        row.afterSeconds = after.seconds;
        if (after.code !== 0) row.afterError = buildError(after.output);
        if (before.routes && after.routes) {
          const missing = allRoutes(before.routes).filter((route) => !allRoutes(after.routes).includes(route));
          const added = allRoutes(after.routes).filter((route) => !allRoutes(before.routes).includes(route));
          row.sameRoutes = missing.length === 0 && added.length === 0;
          row.routesMissing = missing;
          row.routesAdded = added;
          row.routesStillInPages = after.routes.pages.length;
        }
      }
      if (!args.values.keep) rmSync(original, { recursive: true, force: true });
    }
  }
  if (!args.values.keep) rmSync(migrated.dir, { recursive: true, force: true });
  else row.migratedDir = migrated.dir;
  results.push(row);
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`${app.name}: ${JSON.stringify(row)}\n`);
}

const cell = (value) => (value === undefined ? '–' : String(value));
console.log(
  '| app | pages | API routes | migrate exit | build before | build after | same routes | left behind | dropped names | dropped JSX |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of results) {
  const exit = `${row.exit}${row.crashed ? ' (crash)' : ''}${row.forceExit !== undefined ? `, --force ${row.forceExit}${row.forceCrashed ? ' (crash)' : ''}` : ''}`;
  const before = row.before === undefined ? undefined : `${row.before}${row.typesOff ? ' (types off)' : ''}`;
  console.log(
    `| ${row.app} | ${row.pages} | ${row.api} | ${exit} | ${cell(before)} | ${cell(row.after)} | ${cell(row.sameRoutes)} | ${cell(row.leftBehind?.length)} | ${cell(row.dropped?.length)} | ${cell(row.droppedTags?.length)} |`,
  );
}
const migratedOk = results.filter((row) => row.exit === 0 || row.forceExit === 0).length;
const builtBefore = results.filter((row) => row.before === 'ok');
console.log(
  `\n${results.length} apps: ${results.filter((row) => !row.crashed).length} migrate without a crash, ${migratedOk} migrate (with --force where needed); ` +
    `${builtBefore.length} build before, ${builtBefore.filter((row) => row.after === 'ok').length} of those build after, ${builtBefore.filter((row) => row.sameRoutes).length} with identical routes.`,
);
console.log(`logs and results.json in ${outDir}`);
