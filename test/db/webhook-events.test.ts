import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/sql-reader.ts';
import { renderWebhookEvents } from '../../src/sql/webhook-events.ts';
import { openBlankPglite } from '../../src/verify/snapshot.ts';
import { cleanTempDirs, gitInit, runAsync, writeTree } from '../helpers.ts';

/**
 * The fixed Stripe handler, called as Next.js calls a route handler, with payloads signed by the
 * Stripe SDK's own test header and no network: on PGlite always, and on PostgreSQL where .ci/run
 * starts it (in a scratch database of its own).
 */
const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

const SECRET = 'whsec_shipshape_test';

const HANDLER = `import { stripe } from './stripe.mjs';
import { pool } from './db.mjs';

export async function POST(req) {
  const body = await req.text();
  let event;
  try {
    event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature'), process.env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return new Response('invalid signature', { status: 400 });
  }

  switch (event.type) {
    case 'invoice.paid': {
      const invoice = event.data.object;
      await pool.query('INSERT INTO payments (invoice_id, amount) VALUES ($1, $2)', [invoice.id, invoice.amount_paid]);
      break;
    }
    case 'customer.subscription.updated': {
      const subscription = event.data.object;
      await pool.query('UPDATE subscriptions SET status = $2 WHERE id = $1', [subscription.id, subscription.status]);
      break;
    }
  }
  return Response.json({ received: true });
}
`;

interface Harness {
  stripe: Stripe;
  /** The subscriptions as Stripe holds them now: what a mocked `retrieve` answers. */
  current: Map<string, { id: string; status: string }>;
  /** Makes the next write to payments fail, as a dropped connection would. */
  failNext: boolean;
  pool: { query(text: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> };
}

const harness = globalThis as unknown as { shipshapeWebhookTest: Harness };

type Handler = (req: Request) => Promise<Response>;

interface Store {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

async function pgliteStore(): Promise<Store> {
  const db = await openBlankPglite();
  return {
    async query(text, params) {
      const result = await db.query(text, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    exec: async (text) => void (await db.exec(text)),
    close: () => db.close(),
  };
}

async function postgresStore(): Promise<Store> {
  const name = `shipshape_webhooks_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url!);
  target.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: target.href, max: 2 });
  return {
    query: (text, params) => pool.query(text, params),
    exec: async (text) => void (await pool.query(text)),
    async close() {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

let event = 0;
function delivery(stripe: Stripe, type: string, object: Record<string, unknown>, created: number, id = `evt_${++event}`): () => Request {
  const payload = JSON.stringify({ id, object: 'event', type, created, data: { object } });
  return () =>
    new Request('http://localhost/api/webhooks/stripe', {
      method: 'POST',
      body: payload,
      headers: { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) },
    });
}

/** The handler before and after `dedupe-webhook-events` and `guard-event-order`, as files in a temporary app. */
async function handlers(): Promise<{ before: Handler; after: Handler; fixed: string }> {
  const glue = {
    'stripe.mjs': 'export const stripe = globalThis.shipshapeWebhookTest.stripe;\n',
    'db.mjs': [
      'const harness = globalThis.shipshapeWebhookTest;',
      'export const pool = {',
      '  async query(text, params) {',
      "    if (harness.failNext && text.includes('payments')) {",
      '      harness.failNext = false;',
      "      throw new Error('connection lost');",
      '    }',
      '    return harness.pool.query(text, params);',
      '  },',
      '};',
      '',
    ].join('\n'),
  };
  const dir = gitInit(
    writeTree({
      'package.json': '{"name":"webhooks","dependencies":{"next":"15.0.0","stripe":"17.0.0","pg":"8.12.0"}}\n',
      'app/api/webhooks/stripe/route.mjs': HANDLER,
      ...Object.fromEntries(Object.entries(glue).map(([file, text]) => [`app/api/webhooks/stripe/${file}`, text])),
    }),
  );
  const dedupe = await runAsync(['transform', 'dedupe-webhook-events', '.', '--json'], { cwd: dir });
  expect(dedupe.code, dedupe.stderr).toBe(0);
  const order = await runAsync(['transform', 'guard-event-order', '.', '--json', '--allow-dirty'], { cwd: dir });
  expect(order.code, order.stderr).toBe(0);
  expect(JSON.parse(order.stdout).changed).toEqual([{ file: 'app/api/webhooks/stripe/route.mjs' }]);
  writeTree({ 'route.mjs': HANDLER, ...glue }, path.join(dir, 'before'));
  const file = path.join(dir, 'app/api/webhooks/stripe/route.mjs');
  const load = async (from: string) => ((await import(pathToFileURL(from).href)) as { POST: Handler }).POST;
  return { before: await load(path.join(dir, 'before/route.mjs')), after: await load(file), fixed: readFileSync(file, 'utf8') };
}

const stores: Array<[string, () => Promise<Store>]> = [['PGlite', pgliteStore]];
if (url) stores.push(['PostgreSQL', postgresStore]);

describe.each(stores)('the fixed Stripe handler on %s', (_name, open) => {
  let store: Store;
  let handler: { before: Handler; after: Handler; fixed: string };
  const stripe = new Stripe('sk_test_shipshape');
  const current = new Map<string, { id: string; status: string }>();

  beforeAll(async () => {
    await loadSqlParser();
    process.env.STRIPE_WEBHOOK_SECRET = SECRET;
    store = await open();
    harness.shipshapeWebhookTest = { stripe, current, failNext: false, pool: store };
    stripe.subscriptions.retrieve = (async (id: string) => current.get(id)) as never;
    const migration = renderWebhookEvents({
      layout: { kind: 'plain', migrationsDir: 'migrations', rollbacksDir: 'migrations/rollbacks' },
      name: 'shipshape',
      at: new Date(),
      supabase: false,
    });
    await store.exec(migration.content);
    await store.exec('CREATE TABLE payments (invoice_id text NOT NULL, amount int NOT NULL)');
    await store.exec(
      "CREATE TABLE subscriptions (id text PRIMARY KEY, status text NOT NULL); INSERT INTO subscriptions VALUES ('sub_1', 'trialing')",
    );
    handler = await handlers();
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    cleanTempDirs();
  });

  const payments = async (invoice: string) => (await store.query('SELECT * FROM payments WHERE invoice_id = $1', [invoice])).rows.length;
  const recorded = async () => (await store.query('SELECT id FROM webhook_events ORDER BY id')).rows.map((r) => (r as { id: string }).id);

  it('records the event before acting on it, and re-fetches the subscription', () => {
    expect(handler.fixed).toContain(
      'INSERT INTO webhook_events (id, provider, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
    );
    expect(handler.fixed).toContain('await stripe.subscriptions.retrieve(event.data.object.id)');
  });

  it('writes once when the same event is delivered twice; the handler before wrote twice', async () => {
    const before = delivery(stripe, 'invoice.paid', { id: 'in_before', amount_paid: 500 }, 1_700_000_000);
    expect((await handler.before(before())).status).toBe(200);
    expect((await handler.before(before())).status).toBe(200);
    expect(await payments('in_before')).toBe(2);

    const send = delivery(stripe, 'invoice.paid', { id: 'in_1', amount_paid: 500 }, 1_700_000_000);
    const first = await handler.after(send());
    const second = await handler.after(send());
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await payments('in_1')).toBe(1);
  });

  it('keeps the newer state when an older customer.subscription.updated arrives after a newer one', async () => {
    const older = delivery(stripe, 'customer.subscription.updated', { id: 'sub_1', status: 'past_due' }, 1_700_000_100);
    const newer = delivery(stripe, 'customer.subscription.updated', { id: 'sub_1', status: 'active' }, 1_700_000_200);
    current.set('sub_1', { id: 'sub_1', status: 'active' });
    const status = async () =>
      ((await store.query("SELECT status FROM subscriptions WHERE id = 'sub_1'")).rows[0] as { status: string }).status;

    await handler.before(newer());
    await handler.before(older());
    expect(await status()).toBe('past_due');

    await handler.after(newer());
    await handler.after(older());
    expect(await status()).toBe('active');
  });

  it('leaves an event that failed unrecorded, so the provider retry runs it', async () => {
    const send = delivery(stripe, 'invoice.paid', { id: 'in_2', amount_paid: 700 }, 1_700_000_300, 'evt_failing');
    harness.shipshapeWebhookTest.failNext = true;
    await expect(handler.after(send())).rejects.toThrow('connection lost');
    expect(await recorded()).not.toContain('evt_failing');
    expect(await payments('in_2')).toBe(0);

    expect((await handler.after(send())).status).toBe(200);
    expect(await recorded()).toContain('evt_failing');
    expect(await payments('in_2')).toBe(1);
  });
});
