import { mkdtempSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix } from './fix-app.ts';
import { REPO, writeTree } from './helpers.ts';

/**
 * The fixed handlers run for real: the app is written inside the repository, so its `import Stripe
 * from 'stripe'` resolves to the installed SDK, and requests are signed with the SDK's own test
 * header, with no network.
 */
const SECRET = 'whsec_runtime_test_secret';
const cacheDir = path.join(REPO, 'node_modules', '.cache', 'shipshape-dev');
mkdirSync(cacheDir, { recursive: true });
// The real path, so the test and the handlers import one store module, not two through the node_modules link.
const root = realpathSync(mkdtempSync(path.join(cacheDir, 'webhook-runtime-')));

const STORE = `export const paid: string[] = [];\nexport const failure = { next: false };\nexport async function markPaid(id: string): Promise<void> {\n  if (failure.next) throw new Error('database unavailable');\n  paid.push(id);\n}\n`;
const APP_ROUTE = `import { markPaid } from '../../../lib/store';\n\nexport async function POST(req: Request) {\n  const event = await req.json();\n  if (event.type === 'checkout.session.completed') await markPaid(event.data.object.id);\n  return Response.json({ received: true });\n}\n`;
const PAGES_ROUTE = `import type { NextApiRequest, NextApiResponse } from 'next';\nimport { markPaid } from '../../lib/store';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const event = req.body;\n  if (event.type === 'checkout.session.completed') await markPaid(event.data.object.id);\n  res.status(200).json({ received: true });\n}\n`;

interface Store {
  paid: string[];
  failure: { next: boolean };
}

let store: Store;
let appPost: (req: Request) => Promise<Response>;
let pagesHandler: (req: unknown, res: unknown) => Promise<void>;

beforeAll(async () => {
  writeTree(
    {
      'package.json': '{"name":"runtime","dependencies":{"next":"15.1.0","stripe":"23.1.0"}}',
      'lib/store.ts': STORE,
      'app/api/stripe/route.ts': APP_ROUTE,
      'pages/api/stripe-webhook.ts': PAGES_ROUTE,
    },
    root,
  );
  await applyFix(root, 'verify-webhook-signature');
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  store = (await import(path.join(root, 'lib/store.ts'))) as Store;
  appPost = (await import(path.join(root, 'app/api/stripe/route.ts'))).POST;
  pagesHandler = (await import(path.join(root, 'pages/api/stripe-webhook.ts'))).default;
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  delete process.env.STRIPE_WEBHOOK_SECRET;
});

function signed(id: string): { payload: string; signature: string } {
  const payload = JSON.stringify(
    { id: `evt_${id}`, object: 'event', type: 'checkout.session.completed', data: { object: { id, object: 'checkout.session' } } },
    null,
    2,
  );
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) };
}

/** What Next.js answers when a route handler throws: 500, and the provider retries. */
async function appRoute(payload: string, signature: string): Promise<number> {
  const request = new Request('http://localhost/api/stripe', { method: 'POST', body: payload, headers: { 'stripe-signature': signature } });
  try {
    return (await appPost(request)).status;
  } catch {
    return 500;
  }
}

/** A Pages Router call as Next.js makes it with `bodyParser: false`: the body unread on the stream, 500 when the handler throws. */
async function pagesRoute(payload: string, signature: string): Promise<number> {
  const req = Object.assign(Readable.from([Buffer.from(payload)]), { method: 'POST', headers: { 'stripe-signature': signature } });
  let status = 200;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    json: () => res,
    send: () => res,
    end: () => res,
  };
  try {
    await pagesHandler(req, res);
  } catch {
    status = 500;
  }
  return status;
}

describe.each([
  ['App Router', appRoute],
  ['Pages Router', pagesRoute],
])('the Stripe webhook fixed by verify-webhook-signature (%s)', (_router, call) => {
  it('handles an event with a valid signature', async () => {
    const { payload, signature } = signed(`cs_valid_${_router}`);
    expect(await call(payload, signature)).toBe(200);
    expect(store.paid).toContain(`cs_valid_${_router}`);
  });

  it('answers 400 to a tampered payload and processes nothing', async () => {
    const { payload, signature } = signed(`cs_tampered_${_router}`);
    expect(await call(payload.replace('cs_tampered', 'cs_forged'), signature)).toBe(400);
    expect(await call(payload, 't=1,v1=0000')).toBe(400);
    expect(store.paid.some((id) => id.includes('forged') || id.includes('tampered'))).toBe(false);
  });

  it('lets a processing error through as a 5xx, so Stripe retries', async () => {
    const { payload, signature } = signed(`cs_failed_${_router}`);
    store.failure.next = true;
    try {
      expect(await call(payload, signature)).toBeGreaterThanOrEqual(500);
    } finally {
      store.failure.next = false;
    }
  });
});
