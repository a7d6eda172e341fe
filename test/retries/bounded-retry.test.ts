import { symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** Plans bounded-retry on a copy of a fixture app, with short waits, and writes what it planned. */
async function fixedApp(fixture: string, options: Record<string, string> = { baseDelayMs: '20' }): Promise<string> {
  const root = copyFixture(path.join(FIXTURES, 'bounded-retry', fixture, 'input'));
  const transform = (await loadTransform('bounded-retry'))!;
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const { findings } = await scan(project, { checks: checksFixedBy('bounded-retry') });
  const { changeset } = await planTransform(
    project,
    transform,
    findings,
    resolveAnswers(transform, options, {}),
    new Changeset(diskReader(root)),
  );
  for (const change of changeset.changes()) writeFileSync(path.join(root, change.path), change.after!);
  return root;
}

type Handler = (request: IncomingMessage, response: ServerResponse, call: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A local server answering with `handler`; `calls` counts the requests it received. */
async function serve(handler: Handler): Promise<{ url: string; calls: () => number; times: number[] }> {
  let calls = 0;
  const times: number[] = [];
  const server = createServer((request, response) => {
    calls++;
    times.push(Date.now());
    handler(request, response, calls);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, calls: () => calls, times };
}

const answer =
  (status: number, headers: Record<string, string> = {}) =>
  (_: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify({ status }));
  };

interface RetryModule {
  withRetry<T>(
    call: (attempt: number) => Promise<T>,
    options?: { attempts?: number; baseDelayMs?: number; signal?: AbortSignal },
  ): Promise<T>;
}

describe('the generated lib/retry.ts', async () => {
  const app = await fixedApp('fetch-loop');
  const { withRetry } = (await import(path.join(app, 'lib/retry.ts'))) as RetryModule;

  it('type-checks in a strict project, with the code it was written for', () => {
    symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
    expect(typeErrors(app)).toEqual([]);
  });

  it('makes exactly 3 calls to a server that always answers 503, and returns the last answer', async () => {
    const server = await serve(answer(503));
    const response = await withRetry(() => fetch(server.url));
    expect(response.status).toBe(503);
    expect(server.calls()).toBe(3);
  });

  it('makes one call to a server that answers 400', async () => {
    const server = await serve(answer(400));
    const response = await withRetry(() => fetch(server.url));
    expect(response.status).toBe(400);
    expect(server.calls()).toBe(1);
  });

  it('waits the Retry-After seconds a 429 asks for, then succeeds', async () => {
    const server = await serve((request, response, call) =>
      answer(call === 1 ? 429 : 200, call === 1 ? { 'retry-after': '1' } : {})(request, response),
    );
    const response = await withRetry(() => fetch(server.url));
    expect(response.status).toBe(200);
    expect(server.calls()).toBe(2);
    expect(server.times[1]! - server.times[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const server = await serve((request, response, call) =>
      answer(call === 1 ? 503 : 200, call === 1 ? { 'retry-after': new Date(Date.now() + 2000).toUTCString() } : {})(request, response),
    );
    const response = await withRetry(() => fetch(server.url));
    expect(response.status).toBe(200);
    // An HTTP date has whole seconds: the wait is at least what is left of them.
    expect(server.times[1]! - server.times[0]!).toBeGreaterThanOrEqual(900);
  });

  it('gives up at once when Retry-After asks for longer than it waits', async () => {
    const server = await serve(answer(429, { 'retry-after': '3600' }));
    const response = await withRetry(() => fetch(server.url));
    expect(response.status).toBe(429);
    expect(server.calls()).toBe(1);
  });

  it('retries a dropped connection', async () => {
    const server = await serve((request, response, call) => {
      if (call < 3) request.socket.destroy();
      else answer(200)(request, response);
    });
    const response = await withRetry(() => fetch(server.url));
    expect(response.status).toBe(200);
    expect(server.calls()).toBe(3);
  });

  it('retries an SDK error with a 5xx or 429 status, not one with a 4xx', async () => {
    const failing = (status: number) => {
      let calls = 0;
      const call = async () => {
        calls++;
        throw Object.assign(new Error(`status ${status}`), { status, headers: { 'retry-after': '0' } });
      };
      return { call, calls: () => calls };
    };
    const overloaded = failing(529);
    await expect(withRetry(overloaded.call)).rejects.toThrow('status 529');
    expect(overloaded.calls()).toBe(3);
    const invalid = failing(401);
    await expect(withRetry(invalid.call)).rejects.toThrow('status 401');
    expect(invalid.calls()).toBe(1);
  });

  it('stops waiting when its signal aborts', async () => {
    const server = await serve(answer(503, { 'retry-after': '20' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('request cancelled')), 100);
    const started = Date.now();
    await expect(withRetry(() => fetch(server.url), { signal: controller.signal })).rejects.toThrow('request cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.calls()).toBe(1);
  });

  it('waits a random time below the exponential ceiling (full jitter)', async () => {
    const server = await serve(answer(503));
    await withRetry(() => fetch(server.url), { attempts: 4, baseDelayMs: 100 });
    const waits = server.times.slice(1).map((time, index) => time - server.times[index]!);
    expect(waits).toHaveLength(3);
    waits.forEach((wait, index) => expect(wait).toBeLessThan(100 * 2 ** index + 100));
  });
});

describe('a fixed retry loop', async () => {
  const app = await fixedApp('fetch-loop', { attempts: '3', baseDelayMs: '20' });
  const { fetchJson } = (await import(path.join(app, 'lib/fetch-retry.ts'))) as { fetchJson: (url: string) => Promise<unknown> };

  it('calls a server that always answers 503 three times, then fails', async () => {
    const server = await serve(answer(503));
    await expect(fetchJson(server.url)).rejects.toThrow('HTTP 503');
    expect(server.calls()).toBe(3);
  });

  it('calls a server that answers 400 once', async () => {
    const server = await serve(answer(400));
    await expect(fetchJson(server.url)).rejects.toThrow('HTTP 400');
    expect(server.calls()).toBe(1);
  });

  it('makes 3 calls to a 503 and one to a 400 from a fixed function that called itself again', async () => {
    const { getJson } = (await import(path.join(app, 'lib/recursive.ts'))) as { getJson: (url: string) => Promise<unknown> };
    const unavailable = await serve(answer(503));
    await expect(getJson(unavailable.url)).rejects.toThrow('HTTP 503');
    expect(unavailable.calls()).toBe(3);
    const invalid = await serve(answer(400));
    await expect(getJson(invalid.url)).rejects.toThrow('HTTP 400');
    expect(invalid.calls()).toBe(1);
  });

  it('returns the body of the first good answer', async () => {
    const server = await serve((request, response, call) => answer(call === 1 ? 502 : 200)(request, response));
    expect(await fetchJson(server.url)).toEqual({ status: 200 });
    expect(server.calls()).toBe(2);
  });
});

describe('a fixed loop around an SDK that retries on its own', async () => {
  const app = await fixedApp('sdk-loop');
  symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));

  it('type-checks against the installed SDKs, with the retries option they take', () => {
    expect(typeErrors(app)).toEqual([]);
  });

  /** The fixed chat route, its OpenAI client pointed at a local server through the SDK's own environment variables. */
  async function chat(server: { url: string }): Promise<Response> {
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = 'sk-test';
    // The route logs each failure it answers with its fallback.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const route = (await import(`${path.join(app, 'app/api/chat/route.ts')}?${Date.now()}`)) as {
        POST: (req: Request) => Promise<Response>;
      };
      return await route.POST(new Request('http://localhost/api/chat', { method: 'POST', body: JSON.stringify({ prompt: 'hi' }) }));
    } finally {
      logged.mockRestore();
      delete process.env.OPENAI_BASE_URL;
      delete process.env.OPENAI_API_KEY;
    }
  }

  it('makes 3 calls in all to an API that always answers 503, then answers its fallback', async () => {
    const server = await serve(answer(503, { 'retry-after-ms': '10' }));
    const response = await chat(server);
    expect(response.status).toBe(503);
    expect(server.calls()).toBe(3);
  });

  it('makes one call to an API that answers 400', async () => {
    const server = await serve(answer(400));
    const response = await chat(server);
    expect(response.status).toBe(503);
    expect(server.calls()).toBe(1);
  });
});

describe('the generated lib/retry.js', async () => {
  const app = await fixedApp('recursive-js');
  const { withRetry } = (await import(path.join(app, 'src/lib/retry.js'))) as RetryModule;

  it('makes exactly 3 calls to a server that always answers 503, and one to a server that answers 400', async () => {
    const unavailable = await serve(answer(503));
    expect((await withRetry(() => fetch(unavailable.url))).status).toBe(503);
    expect(unavailable.calls()).toBe(3);
    const invalid = await serve(answer(400));
    expect((await withRetry(() => fetch(invalid.url))).status).toBe(400);
    expect(invalid.calls()).toBe(1);
  });
});
