import { symlinkSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runFileTransform } from '../../src/engine/run-transform.ts';
import { loadTransform } from '../../src/registry.ts';
import type { FileTransform } from '../../src/engine/transform-types.ts';
import { REPO, cleanTempDirs, writeTree } from '../helpers.ts';

const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

/** An App Router route that writes a note for anyone, and a Pages API route that deletes one for anyone. */
const ROUTE = `import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.SHIPSHAPE_TEST_DATABASE_URL });

export async function POST(req: Request) {
  const { text } = await req.json();
  const { rows } = await pool.query('INSERT INTO shipshape_auth_notes (text) VALUES ($1) RETURNING text', [text]);
  return Response.json(rows[0], { status: 201 });
}
`;
const API_ROUTE = `import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.SHIPSHAPE_TEST_DATABASE_URL });

export default async function handler(req, res) {
  const { rowCount } = await pool.query('DELETE FROM shipshape_auth_notes WHERE text = $1', [req.query.text]);
  res.status(200).json({ deleted: rowCount });
}
`;

/** A Pages API response that records what the handler answered. */
function response() {
  const answer: { status: number; body: unknown } = { status: 200, body: undefined };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    json(body: unknown) {
      answer.body = body;
      return res;
    },
  };
  return { res, answer };
}

const session: { current: { user: { id: string } } | null } = { current: null };

describe.skipIf(!url)('handlers fixed by add-auth-guard, against a real PostgreSQL, with a stubbed session', () => {
  let admin: pg.Pool;
  let dir: string;
  const count = async () => Number((await admin.query('SELECT count(*) FROM shipshape_auth_notes')).rows[0].count);
  const load = async (file: string) => import(/* @vite-ignore */ path.join(dir, file));

  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: url });
    const transform = (await loadTransform('add-auth-guard')) as FileTransform;
    const route = await runFileTransform(transform, 'app/api/notes/route.ts', ROUTE, {
      authLibrary: 'authjs',
      authModule: 'auth.ts',
      authName: 'auth',
    });
    const apiRoute = await runFileTransform(transform, 'pages/api/notes.ts', API_ROUTE, {
      authLibrary: 'helper',
      authModule: 'lib/session.ts',
      authName: 'getCurrentUser',
    });
    expect(route).toContain("if (!session?.user) return new Response('Not signed in', { status: 401 });");
    expect(apiRoute).toContain('res.status(401).json');
    dir = writeTree({
      'app/api/notes/route.ts': route!,
      'app/api/notes/original.ts': ROUTE,
      'pages/api/notes.ts': apiRoute!,
      'pages/api/original.ts': API_ROUTE,
      'auth.ts': "export async function auth() { throw new Error('not stubbed'); }\n",
      'lib/session.ts': "export async function getCurrentUser() { throw new Error('not stubbed'); }\n",
    });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
    vi.doMock(path.join(dir, 'auth.ts'), () => ({ auth: async () => session.current }));
    vi.doMock(path.join(dir, 'lib/session.ts'), () => ({ getCurrentUser: async () => session.current?.user ?? null }));
    await admin.query('DROP TABLE IF EXISTS shipshape_auth_notes');
    await admin.query('CREATE TABLE shipshape_auth_notes (id serial PRIMARY KEY, text text NOT NULL)');
  });

  beforeEach(async () => {
    await admin.query('TRUNCATE shipshape_auth_notes');
    session.current = null;
  });

  afterAll(async () => {
    await admin?.query('DROP TABLE IF EXISTS shipshape_auth_notes');
    await admin?.end();
    cleanTempDirs();
  });

  const post = (text: string) => new Request('http://localhost/api/notes', { method: 'POST', body: JSON.stringify({ text }) });

  it('answers 401 to a route handler request without a session, and writes nothing', async () => {
    const { POST } = await load('app/api/notes/route.ts');
    const answer: Response = await POST(post('hello'));
    expect(answer.status).toBe(401);
    expect(await count()).toBe(0);
  });

  it('with a session, answers as the handler did before the fix', async () => {
    const fixed = await load('app/api/notes/route.ts');
    const original = await load('app/api/notes/original.ts');
    const before: Response = await original.POST(post('hello'));
    session.current = { user: { id: 'user-1' } };
    const after: Response = await fixed.POST(post('hello'));
    expect([after.status, await after.json()]).toEqual([before.status, await before.json()]);
    expect(await count()).toBe(2);
  });

  it('answers 401 to a Pages API request without a session, and deletes nothing', async () => {
    await admin.query("INSERT INTO shipshape_auth_notes (text) VALUES ('keep')");
    const { default: handler } = await load('pages/api/notes.ts');
    const { res, answer } = response();
    await handler({ query: { text: 'keep' } }, res);
    expect(answer).toEqual({ status: 401, body: { error: 'Not signed in' } });
    expect(await count()).toBe(1);
  });

  it('with a session, the Pages API route deletes as it did before the fix', async () => {
    await admin.query("INSERT INTO shipshape_auth_notes (text) VALUES ('a'), ('b')");
    const { default: original } = await load('pages/api/original.ts');
    const { default: fixed } = await load('pages/api/notes.ts');
    const first = response();
    await original({ query: { text: 'a' } }, first.res);
    session.current = { user: { id: 'user-1' } };
    const second = response();
    await fixed({ query: { text: 'b' } }, second.res);
    expect(second.answer).toEqual(first.answer);
    expect(first.answer).toEqual({ status: 200, body: { deleted: 1 } });
    expect(await count()).toBe(0);
  });
});
