import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanTempDirs, gitInit, runAsync, writeTree } from '../helpers.ts';

/** .ci/run starts the machine's PostgreSQL 15 and points this at it; CI without it is a failure, not a skip. */
const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

/** A Pages API route over pg and postgres.js, as quickly built apps write one: signed in, but any todo by its id. */
const pagesHandler = (lib: string) => `import { pool, sql } from '${lib}/db.mjs';
import { getUser } from '${lib}/auth.mjs';

export default async function handler(req, res) {
  const user = await getUser(req);
  if (!user) return res.status(401).json({ error: 'Unauthorized' });
  const id = Number(req.query.id);
  if (req.method === 'GET') {
    const { rows } = await pool.query('SELECT id, title, done FROM shipshape_todos WHERE id = $1', [id]);
    if (rows.length === 0) return res.status(404).json({ error: 'Not found' });
    return res.json(rows[0]);
  }
  if (req.method === 'PUT') {
    const result = await pool.query('UPDATE shipshape_todos SET done = $1 WHERE id = $2 RETURNING id, done', [req.body.done, id]);
    return res.json(result.rows[0]);
  }
  await sql\`delete from shipshape_todos where id = \${id}\`;
  res.status(204).end();
}
`;

/** A route handler deleting by the id in its params. */
const routeHandler = (lib: string) => `import { pool } from '${lib}/db.mjs';
import { getUser } from '${lib}/auth.mjs';

export async function DELETE(request, { params }) {
  const user = await getUser();
  if (!user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  await pool.query('DELETE FROM shipshape_todos WHERE id = $1', [params.id]);
  return Response.json({ ok: true });
}
`;

interface Reply {
  code: number;
  body: unknown;
}

type PagesHandler = (req: unknown, res: unknown) => Promise<unknown>;
type RouteDelete = (request: Request, context: { params: { id: string } }) => Promise<Response>;

/** Calls a Pages API handler with a stand-in `res`, as Next.js would. */
async function callPages(handler: PagesHandler, method: string, id: number, body: unknown = {}): Promise<Reply> {
  const reply: Reply = { code: 200, body: undefined };
  const res = {
    status(code: number) {
      reply.code = code;
      return res;
    },
    json(value: unknown) {
      reply.body = value;
      return res;
    },
    end() {
      return res;
    },
  };
  await handler({ method, query: { id: String(id) }, body }, res);
  return reply;
}

const ALICE = { id: 1 };
const BOB = { id: 2 };

describe.skipIf(!url)('scope-to-owner against a real PostgreSQL', () => {
  let pool: pg.Pool;
  let sql: postgres.Sql;
  let dir: string;
  let before: { pages: PagesHandler; route: RouteDelete };
  let after: { pages: PagesHandler; route: RouteDelete };
  const signIn = (user: { id: number } | null) => ((globalThis as { shipshapeTestUser?: unknown }).shipshapeTestUser = user);
  const todo = async (id: number) => (await pool.query('SELECT id, done FROM shipshape_todos WHERE id = $1', [id])).rows[0] ?? null;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url, max: 2 });
    sql = postgres(url!, { max: 1, onnotice: () => {} });
    Object.assign(globalThis, { shipshapeTestPool: pool, shipshapeTestSql: sql });
    dir = gitInit(
      writeTree({
        'package.json': '{"name":"todos","type":"module","dependencies":{"next":"14.2.3","pg":"8","postgres":"3"}}\n',
        'db/schema.sql':
          'create table shipshape_todos (id serial primary key, user_id integer not null, title text not null, done boolean not null default false);\n',
        'lib/db.mjs': 'export const pool = globalThis.shipshapeTestPool;\nexport const sql = globalThis.shipshapeTestSql;\n',
        'lib/auth.mjs': 'export async function getUser() {\n  return globalThis.shipshapeTestUser ?? null;\n}\n',
        'pages/api/todos/[id].js': pagesHandler('../../../lib'),
        'app/api/todos/[id]/route.js': routeHandler('../../../../lib'),
        'original/pages-handler.mjs': pagesHandler('../lib'),
        'original/route-handler.mjs': routeHandler('../lib'),
      }),
    );
    const result = await runAsync(['transform', 'scope-to-owner', '.', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const fixedPages = readFileSync(path.join(dir, 'pages/api/todos/[id].js'), 'utf8');
    expect(fixedPages).toContain('WHERE id = $1 AND user_id = $2');
    expect(fixedPages).toContain('and user_id = ${user.id}');
    expect(readFileSync(path.join(dir, 'app/api/todos/[id]/route.js'), 'utf8')).toContain('if (rowCount === 0) return Response.json(');
    const load = (file: string) => import(pathToFileURL(path.join(dir, file)).href);
    before = { pages: (await load('original/pages-handler.mjs')).default, route: (await load('original/route-handler.mjs')).DELETE };
    after = { pages: (await load('pages/api/todos/[id].js')).default, route: (await load('app/api/todos/[id]/route.js')).DELETE };
  });

  beforeEach(async () => {
    await pool.query('DROP TABLE IF EXISTS shipshape_todos');
    await pool.query(readFileSync(path.join(dir, 'db/schema.sql'), 'utf8'));
    await pool.query(
      "INSERT INTO shipshape_todos (id, user_id, title) VALUES (1, 1, 'alice one'), (2, 1, 'alice two'), (3, 1, 'alice three')",
    );
  });

  afterAll(async () => {
    await pool?.query('DROP TABLE IF EXISTS shipshape_todos');
    await pool?.end();
    await sql?.end();
    cleanTempDirs();
  });

  it('gives the owner the same answers as before, and writes the same rows', async () => {
    signIn(ALICE);
    expect(await callPages(after.pages, 'GET', 1)).toEqual(await callPages(before.pages, 'GET', 1));
    expect(await callPages(after.pages, 'GET', 1)).toEqual({ code: 200, body: { id: 1, title: 'alice one', done: false } });
    expect(await callPages(after.pages, 'PUT', 1, { done: true })).toEqual({ code: 200, body: { id: 1, done: true } });
    expect(await callPages(before.pages, 'PUT', 2, { done: true })).toEqual({ code: 200, body: { id: 2, done: true } });
    expect(await callPages(after.pages, 'DELETE', 1)).toEqual({ code: 204, body: undefined });
    expect(await todo(1)).toBeNull();
    const response = await after.route(new Request('http://localhost/api/todos/2', { method: 'DELETE' }), { params: { id: '2' } });
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
    expect(await todo(2)).toBeNull();
  });

  it("answers another user 404 and writes nothing, where it used to hand over the owner's rows", async () => {
    signIn(BOB);
    expect(await callPages(before.pages, 'GET', 1)).toEqual({ code: 200, body: { id: 1, title: 'alice one', done: false } });
    expect(await callPages(after.pages, 'GET', 1)).toEqual({ code: 404, body: { error: 'Not found' } });
    expect(await callPages(after.pages, 'PUT', 1, { done: true })).toEqual({ code: 404, body: { error: 'Not found' } });
    expect(await todo(1)).toEqual({ id: 1, done: false });
    expect(await callPages(after.pages, 'DELETE', 1)).toEqual({ code: 404, body: { error: 'Not found' } });
    const response = await after.route(new Request('http://localhost/api/todos/2', { method: 'DELETE' }), { params: { id: '2' } });
    expect([response.status, await response.json()]).toEqual([404, { error: 'Not found' }]);
    expect(await todo(1)).toEqual({ id: 1, done: false });
    expect(await todo(2)).toEqual({ id: 2, done: false });
    // Before the fix, the same request deleted Alice's todo.
    await before.route(new Request('http://localhost/api/todos/3', { method: 'DELETE' }), { params: { id: '3' } });
    expect(await todo(3)).toBeNull();
  });

  it('still answers 401 without a session, and writes nothing', async () => {
    signIn(null);
    expect(await callPages(after.pages, 'DELETE', 1)).toEqual({ code: 401, body: { error: 'Unauthorized' } });
    expect(await todo(1)).toEqual({ id: 1, done: false });
  });
});
