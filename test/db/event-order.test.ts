import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyInsertions, guardStatement, renderEventOrder, type GuardedStatement } from '../../src/sql/event-order.ts';
import { loadSqlParser, parseSqlStatements } from '../../src/sql/sql-reader.ts';
import { openBlankPglite } from '../../src/verify/snapshot.ts';
import { FIXTURES, cleanTempDirs, copyFixture, gitInit, runAsync, writeTree, squawk } from '../helpers.ts';
import { NOW, generateFor } from '../sql/standalone-migrations.ts';

await loadSqlParser();
afterAll(cleanTempDirs);

const LAYOUT = { kind: 'plain' as const, migrationsDir: 'migrations', rollbacksDir: 'migrations/rollbacks' };

/** What `guard-event-order` leaves in a supabase-js handler: the chain names the column. */
const GUARDED_HANDLER = `export async function POST(req: Request) {
  const payload = JSON.parse(await req.text());
  await supabase
    .from('customers')
    .update({ plan: payload.data.attributes.status, last_event_at: payload.data.attributes.updated_at })
    .or(\`last_event_at.is.null,last_event_at.lt."\${payload.data.attributes.updated_at}"\`)
    .eq('id', payload.data.id);
  return new Response('ok');
}
`;

function guarded(sql: string): GuardedStatement {
  const result = guardStatement(sql);
  if ('reason' in result) throw new Error(result.reason);
  return result;
}

describe('the last_event_at migration', () => {
  const root = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
  writeTree({ 'app/api/webhooks/lemonsqueezy/route.ts': GUARDED_HANDLER }, root);
  const generation = generateFor(root);
  const file = generation.files.find((f) => f.part === 'event-order')!;

  it('adds the column to each table the code guards, after the other migrations', () => {
    expect(generation.files.map((f) => f.part)).toEqual(['rls', 'constraints', 'validation', 'indexes', 'event-order']);
    expect(file.path).toBe('supabase/migrations/20260102030409_shipshape_event_order.sql');
    const statements = parseSqlStatements(file.content).map((s) => s.text);
    expect(statements).toContain('alter table public.customers add column if not exists last_event_at timestamptz');
    expect(parseSqlStatements(file.rollbackContent).map((s) => s.text)).toContain(
      'alter table public.customers drop column if exists last_event_at',
    );
  });

  it('passes squawk with zero warnings; its rollback too, but for the drop of the column it is the undo of', () => {
    for (const [rel, content] of [
      [file.path, file.content],
      [file.rollbackPath, file.rollbackContent],
    ] as const) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), content);
    }
    const strict = squawk(root, [file.path]);
    expect(strict.output).toContain('Found 0 issues in 1 file');
    expect(strict.code).toBe(0);
    expect(squawk(root, [file.rollbackPath]).output).toContain('ban-drop-column');
    const undo = squawk(root, [file.rollbackPath], ['ban-drop-column']);
    expect(undo.output).toContain('Found 0 issues in 1 file');
  });

  it('is not written once the column exists, nor with --only, nor for an app that guards nothing', () => {
    expect(generateFor(root).files.map((f) => f.part)).not.toContain('event-order');
    const fresh = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    writeTree({ 'app/api/webhooks/lemonsqueezy/route.ts': GUARDED_HANDLER }, fresh);
    expect(generateFor(fresh, 'rls').files.map((f) => f.part)).toEqual(['rls']);
    const plain = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    expect(generateFor(plain).files.map((f) => f.part)).not.toContain('event-order');
  });
});

describe('guarded statements on PGlite, an older event delivered after a newer one', () => {
  let db: PGlite;
  const newer = '2024-05-02T10:00:00.000000Z';
  const older = '2024-05-01T10:00:00.000000Z';
  const status = async () => (await db.query<{ status: string }>("SELECT status FROM subscriptions WHERE id = 'sub_1'")).rows[0]?.status;

  beforeAll(async () => {
    db = await openBlankPglite();
    await db.exec(
      "CREATE TABLE subscriptions (id text PRIMARY KEY, status text NOT NULL); INSERT INTO subscriptions VALUES ('sub_1', 'on_trial')",
    );
    await db.exec(
      renderEventOrder({ layout: LAYOUT, name: 'shipshape', at: NOW, tables: [{ schema: 'public', name: 'subscriptions' }] }).content,
    );
  });

  afterAll(async () => db?.close());

  it('UPDATE … SET: the newer state stays, delivered twice in reverse order; unguarded, the older won', async () => {
    const update = 'UPDATE subscriptions SET status = $1 WHERE id = $2';
    await db.query(update, ['active', 'sub_1']);
    await db.query(update, ['past_due', 'sub_1']);
    expect(await status()).toBe('past_due');

    const statement = guarded(update);
    const sql = applyInsertions(update, statement.insertions, `$${statement.parameters + 1}`);
    expect(sql).toBe(
      'UPDATE subscriptions SET status = $1, last_event_at = $3 WHERE id = $2 AND (last_event_at IS NULL OR last_event_at < $3)',
    );
    for (let round = 0; round < 2; round++) {
      await db.query(sql, ['active', 'sub_1', newer]);
      const late = await db.query(sql, ['past_due', 'sub_1', older]);
      expect(late.affectedRows).toBe(0);
      expect(await status()).toBe('active');
    }
  });

  it('a WHERE with OR keeps its meaning inside parentheses', async () => {
    const statement = guarded('UPDATE subscriptions SET status = $1 WHERE id = $2 OR id = $3');
    const sql = applyInsertions('UPDATE subscriptions SET status = $1 WHERE id = $2 OR id = $3', statement.insertions, '$4');
    await db.query(sql, ['paused', 'sub_1', 'sub_x', older]);
    expect(await status()).toBe('active');
  });

  it('INSERT … ON CONFLICT DO UPDATE: the newer state stays, and a new row is inserted', async () => {
    const upsert = 'INSERT INTO subscriptions (id, status) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status';
    const statement = guarded(upsert);
    const sql = applyInsertions(upsert, statement.insertions, `$${statement.parameters + 1}`);
    for (let round = 0; round < 2; round++) {
      await db.query(sql, ['sub_1', 'cancelled', '2024-05-03T10:00:00Z']);
      await db.query(sql, ['sub_1', 'active', newer]);
      expect(await status()).toBe('cancelled');
    }
    await db.query(sql, ['sub_2', 'on_trial', older]);
    expect((await db.query("SELECT status FROM subscriptions WHERE id = 'sub_2'")).rows).toEqual([{ status: 'on_trial' }]);
  });

  it('supabase-js sends the filter PostgREST reads as `last_event_at IS NULL OR last_event_at < time`, the time quoted', async () => {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(decodeURIComponent(req.url ?? ''));
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // Node 20 has no WebSocket for the realtime client it builds; no socket is opened, only the REST request is made.
      const supabase = createClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'service-role-key', {
        realtime: { transport: class {} as never },
      });
      await supabase
        .from('subscriptions')
        .update({ status: 'past_due', last_event_at: older })
        .or(`last_event_at.is.null,last_event_at.lt."${older}"`)
        .eq('id', 'sub_1');
    } finally {
      server.close();
    }
    expect(requests).toEqual([`/rest/v1/subscriptions?or=(last_event_at.is.null,last_event_at.lt."${older}")&id=eq.sub_1`]);
    // The same condition in SQL, as PostgREST builds it: after the newer event, the older one changes nothing.
    await db.query("UPDATE subscriptions SET last_event_at = $1 WHERE id = 'sub_1'", [newer]);
    const late = await db.query(
      "UPDATE subscriptions SET status = 'past_due', last_event_at = $1 WHERE (last_event_at IS NULL OR last_event_at < $1) AND id = 'sub_1'",
      [older],
    );
    expect(late.affectedRows).toBe(0);
  });
});

const SECRET = 'lemon_test_secret';

const HANDLER = `import crypto from 'node:crypto';
import { pool } from './db.mjs';

export async function POST(request) {
  const raw = await request.text();
  const digest = Buffer.from(crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET).update(raw).digest('hex'), 'utf8');
  const signature = Buffer.from(request.headers.get('x-signature') ?? '', 'utf8');
  if (digest.length !== signature.length || !crypto.timingSafeEqual(digest, signature)) return new Response('invalid', { status: 401 });
  const payload = JSON.parse(raw);
  switch (payload.meta.event_name) {
    case 'subscription_updated':
      await pool.query('UPDATE subscriptions SET status = $1 WHERE lemon_id = $2', [payload.data.attributes.status, payload.data.id]);
      break;
  }
  return Response.json({ received: true });
}
`;

describe('a Lemon Squeezy handler fixed by guard-event-order, called as Next.js calls it', () => {
  let db: PGlite;
  let post: (req: Request) => Promise<Response>;
  let fixed: string;
  const harness = globalThis as unknown as { shipshapeEventOrder: { query(text: string, params?: unknown[]): Promise<unknown> } };

  beforeAll(async () => {
    db = await openBlankPglite();
    harness.shipshapeEventOrder = { query: (text, params) => db.query(text, params) };
    process.env.LEMONSQUEEZY_WEBHOOK_SECRET = SECRET;
    const dir = gitInit(
      writeTree({
        'package.json': '{"name":"lemon","dependencies":{"next":"15.0.0","pg":"8.12.0"}}\n',
        'app/api/webhooks/lemonsqueezy/route.mjs': HANDLER,
        'app/api/webhooks/lemonsqueezy/db.mjs': 'export const pool = globalThis.shipshapeEventOrder;\n',
      }),
    );
    const result = await runAsync(['transform', 'guard-event-order', '.', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(dir, 'app/api/webhooks/lemonsqueezy/route.mjs');
    fixed = readFileSync(file, 'utf8');
    post = ((await import(pathToFileURL(file).href)) as { POST: typeof post }).POST;
    await db.exec(
      "CREATE TABLE subscriptions (lemon_id text PRIMARY KEY, status text NOT NULL); INSERT INTO subscriptions VALUES ('1', 'on_trial')",
    );
    await db.exec(
      renderEventOrder({ layout: LAYOUT, name: 'shipshape', at: NOW, tables: [{ schema: 'public', name: 'subscriptions' }] }).content,
    );
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    delete process.env.LEMONSQUEEZY_WEBHOOK_SECRET;
  });

  const delivery = (status: string, updatedAt: string) => {
    const body = JSON.stringify({
      meta: { event_name: 'subscription_updated' },
      data: { type: 'subscriptions', id: '1', attributes: { status, updated_at: updatedAt } },
    });
    const signature = createHmac('sha256', SECRET).update(body).digest('hex');
    return () => new Request('http://localhost/api/webhooks/lemonsqueezy', { method: 'POST', body, headers: { 'x-signature': signature } });
  };

  it("passes the subscription's updated_at as the event time", () => {
    expect(fixed).toContain(
      "'UPDATE subscriptions SET status = $1, last_event_at = $3 WHERE lemon_id = $2 AND (last_event_at IS NULL OR last_event_at < $3)'",
    );
    expect(fixed).toContain('[payload.data.attributes.status, payload.data.id, payload.data.attributes.updated_at]');
  });

  it('keeps the newer status when the older subscription_updated arrives last, each delivered twice', async () => {
    const newer = delivery('active', '2024-05-02T10:00:00.000000Z');
    const older = delivery('past_due', '2024-05-01T10:00:00.000000Z');
    for (const send of [newer, older, newer, older]) expect((await post(send())).status).toBe(200);
    expect((await db.query('SELECT status FROM subscriptions')).rows).toEqual([{ status: 'active' }]);
    expect((await post(delivery('cancelled', '2024-05-03T10:00:00.000000Z')())).status).toBe(200);
    expect((await db.query('SELECT status FROM subscriptions')).rows).toEqual([{ status: 'cancelled' }]);
  });
});
