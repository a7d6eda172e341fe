import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, checksums, cleanTempDirs, copyFixture, gitInit, runAsync } from '../helpers.ts';

afterAll(cleanTempDirs);

/** Pages that each router adds on its own (error pages, the document shell), not routes of the app. */
const FRAMEWORK_ROUTES = new Set(['/_app', '/_document', '/_error', '/404', '/500', '/_not-found', '/_global-error']);

const NEXT_CONFIG = `export default {
  experimental: { webpackBuildWorker: false },
  webpack: (config) => {
    config.optimization.minimize = false;
    return config;
  },
};
`;

/** Runs `next build` without blocking the test worker (a blocked worker misses vitest's own heartbeats). */
function nextBuild(dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Turbopack refuses a node_modules outside the app's root; webpack follows the link.
    const child = spawn(process.execPath, [path.join(REPO, 'node_modules/next/dist/bin/next'), 'build', '--webpack'], {
      cwd: dir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Builds the app with the project's own Next.js (no install) and returns its routes, from both routers' manifests. */
async function build(dir: string): Promise<{ routes: string[]; pagesRoutes: string[]; seconds: number }> {
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // Without a config of its own, Next.js looks for one in the folders above (a stray one in the temp dir would apply).
  // Neither option bears on what this test asks of the migrated code, that it compiles and serves the same
  // routes; minifying the bundles and running webpack in a second process cost a third of each build's CPU
  // (25 s against 17 s, at idle).
  if (!readdirSync(dir).some((file) => file.startsWith('next.config.'))) writeFileSync(path.join(dir, 'next.config.mjs'), NEXT_CONFIG);
  const started = Date.now();
  const result = await nextBuild(dir);
  expect(result.code, result.output).toBe(0);
  const ofApp = (routes: string[]) => routes.filter((route) => !FRAMEWORK_ROUTES.has(route));
  const pagesManifest = path.join(dir, '.next/server/pages-manifest.json');
  const pagesRoutes = existsSync(pagesManifest) ? ofApp(Object.keys(JSON.parse(readFileSync(pagesManifest, 'utf8')))) : [];
  const appManifest = path.join(dir, '.next/app-path-routes-manifest.json');
  const appRoutes = existsSync(appManifest)
    ? ofApp(Object.values(JSON.parse(readFileSync(appManifest, 'utf8')) as Record<string, string>))
    : [];
  return { routes: [...new Set([...pagesRoutes, ...appRoutes])].sort(), pagesRoutes, seconds: (Date.now() - started) / 1000 };
}

/**
 * The routes the Pages Router app builds to, as `next build` of the fixture's input reported them.
 * Building the original takes as long as building the migration, and its input only changes with the
 * fixture: the routes are kept beside it with the checksum of the input they came from. A changed input
 * is built again; `UPDATE_GOLDENS=1` writes the new routes.
 */
async function routesBefore(app: string): Promise<string[]> {
  const input = path.join(FIXTURES, 'migrate-app-router', app, 'input');
  const golden = path.join(FIXTURES, 'migrate-app-router', app, 'pages-routes.json');
  // Contents only: a file's mode depends on the umask of the clone.
  const contents = Object.entries(checksums(input)).map(([file, sum]) => `${file} ${sum.split(' ')[0]}`);
  const inputChecksum = createHash('sha256').update(contents.sort().join('\n')).digest('hex');
  const kept = existsSync(golden) ? (JSON.parse(readFileSync(golden, 'utf8')) as { inputChecksum: string; routes: string[] }) : null;
  if (kept?.inputChecksum === inputChecksum) return kept.routes;
  const before = await build(gitInit(copyFixture(input)));
  if (process.env.UPDATE_GOLDENS) writeFileSync(golden, `${JSON.stringify({ inputChecksum, routes: before.routes }, null, 2)}\n`);
  else expect.fail(`${app}'s input changed since its routes were recorded: UPDATE_GOLDENS=1 npx vitest run --project builds`);
  return before.routes;
}

describe('migrate app-router, then next build', () => {
  // standup-saas is the size of a real side project: 15 pages, 6 API routes, per-page layouts, markdown, a class component.
  it.each(['tasks-ssr', 'blog-static', 'dashboard-client', 'standup-saas'])(
    '%s builds with the same routes after the migration, all in app/',
    async (app) => {
      const before = await routesBefore(app);
      expect(before.length).toBeGreaterThan(2);

      const migrated = gitInit(copyFixture(path.join(FIXTURES, 'migrate-app-router', app, 'input')));
      const result = await runAsync(['migrate', 'app-router', '.', '--yes'], { cwd: migrated });
      expect(result.code, result.stderr).toBe(0);
      expect(existsSync(path.join(migrated, 'pages'))).toBe(false);
      const after = await build(migrated);
      expect(after.routes).toEqual(before);
      expect(after.pagesRoutes).toEqual([]);
      expect(JSON.parse(readFileSync(path.join(migrated, '.next/app-path-routes-manifest.json'), 'utf8'))).not.toEqual({});
      process.stderr.write(`${app}: next build ${after.seconds.toFixed(1)} s after the migration; routes ${after.routes.join(' ')}\n`);
    },
    900_000,
  );
});
