import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Changeset, diskReader } from '../../src/engine/changeset.ts';
import { planTransform } from '../../src/engine/run-transform.ts';
import { resolveAnswers } from '../../src/engine/answers.ts';
import { scan } from '../../src/engine/scan.ts';
import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS, checksFixedBy, loadTransform } from '../../src/registry.ts';
import { typeErrors } from '../typecheck.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture } from '../helpers.ts';

afterAll(cleanTempDirs);
afterEach(() => vi.restoreAllMocks());

/** Plans add-error-reporting on a copy of a fixture app and writes what it planned. */
async function fixedApp(fixture: string): Promise<string> {
  const root = copyFixture(path.join(FIXTURES, 'add-error-reporting', fixture, 'input'));
  const transform = (await loadTransform('add-error-reporting'))!;
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const { findings } = await scan(project, { checks: checksFixedBy('add-error-reporting') });
  const { changeset } = await planTransform(
    project,
    transform,
    findings,
    resolveAnswers(transform, {}, {}),
    new Changeset(diskReader(root)),
  );
  for (const change of changeset.changes()) writeFileSync(path.join(root, change.path), change.after!);
  return root;
}

describe('the generated error reporting', () => {
  it("type-checks against the installed next's own Instrumentation.onRequestError, with global-error", async () => {
    const app = await fixedApp('bare-app');
    symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
    writeFileSync(
      path.join(app, 'hook-type.ts'),
      "import type { Instrumentation } from 'next';\nimport { onRequestError } from './instrumentation';\n\nexport const hook: Instrumentation.onRequestError = onRequestError;\n",
    );
    expect(typeErrors(app)).toEqual([]);
  });

  it('writes one JSON line per error, with the route, method, digest and message', async () => {
    const app = await fixedApp('bare-app');
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const { onRequestError } = (await import(path.join(app, 'instrumentation.ts'))) as {
      onRequestError: (error: unknown, request: object, context: object) => Promise<void> | void;
    };
    const failure = Object.assign(new Error('relation "orders" does not exist'), { digest: '2904173425' });
    await onRequestError(
      failure,
      { path: '/api/orders?page=2', method: 'POST', headers: { 'content-type': 'application/json' } },
      { routerKind: 'App Router', routePath: '/api/orders', routeType: 'route', revalidateReason: undefined },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 'error',
      route: '/api/orders',
      path: '/api/orders?page=2',
      method: 'POST',
      type: 'route',
      digest: '2904173425',
      message: 'relation "orders" does not exist',
    });

    await onRequestError('a thrown string', { path: '/', method: 'GET', headers: {} }, { routePath: '/', routeType: 'render' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ route: '/', method: 'GET', message: 'a thrown string' });
  });
});
