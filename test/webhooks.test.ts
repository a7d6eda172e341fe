import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../src/engine/parse.ts';
import { loadProject } from '../src/project/load-project.ts';
import { requestHandlers } from '../src/analysis/request-handlers.ts';
import { swallowedErrors, webhookOf, type Webhook } from '../src/analysis/webhooks/index.ts';
import { CHECK_IDS } from '../src/registry.ts';
import { cleanTempDirs, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

/** The webhook of the one handler a route module holds, or null. */
function webhookIn(file: string, text: string): Webhook | null {
  const root = writeTree({ 'package.json': '{"name":"hooks","dependencies":{"next":"15.1.0"}}', [file]: text });
  const ast = parseSource(file, text);
  const [handler] = requestHandlers(file, ast, loadProject(root, { knownCheckIds: CHECK_IDS }));
  return handler ? webhookOf(handler, ast.program) : null;
}

const summary = (webhook: Webhook | null) =>
  webhook && {
    provider: webhook.provider,
    verification: webhook.verification,
    event: webhook.event,
    faults: webhook.faults.map((f) => f.kind),
  };

describe('webhookOf', () => {
  it('recognises a Stripe webhook by its event types, whatever its path, and names the event binding', () => {
    const text = `export async function POST(req: Request) {\n  const event = await req.json();\n  if (event.type === 'invoice.paid') await save(event);\n  return Response.json({ ok: true });\n}\n`;
    expect(summary(webhookIn('app/api/billing/route.ts', text))).toEqual({
      provider: 'stripe',
      verification: 'none',
      event: 'event',
      faults: [],
    });
  });

  it('finds the verification in a helper of the same module, and the verified event', () => {
    const text = `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nconst relevant = new Set(['checkout.session.completed']);\nfunction verify(body: string, sig: string) {\n  return stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET!);\n}\nexport async function POST(request: Request) {\n  const body = await request.text();\n  let event;\n  try {\n    event = verify(body, request.headers.get('stripe-signature')!);\n  } catch {\n    return new Response('bad', { status: 400 });\n  }\n  if (relevant.has(event.type)) await handle(event);\n  return new Response('ok');\n}\n`;
    const webhook = webhookIn('app/api/stripe/route.ts', text);
    expect(summary(webhook)).toMatchObject({ provider: 'stripe', verification: 'verified', faults: [] });
    expect(webhook!.secret).toEqual({ name: 'STRIPE_WEBHOOK_SECRET', read: true });
  });

  it('leaves a route that switches on a type of its own alone', () => {
    const text = `export async function POST(req: Request) {\n  const body = await req.json();\n  switch (body.type) {\n    case 'create':\n      return Response.json(await create(body));\n    case 'delete':\n      return Response.json(await remove(body.id));\n  }\n}\n`;
    expect(webhookIn('app/api/tasks/route.ts', text)).toBeNull();
  });

  it('tells Clerk from Resend behind svix by the event types, and a Pages route parsing its body from a working one', () => {
    const svix = `import { Webhook } from 'svix';\nexport default async function handler(req, res) {\n  const evt = new Webhook(process.env.WEBHOOK_SECRET).verify(req.body, req.headers);\n  if (evt.type === 'email.bounced') await mark(evt.data);\n  res.status(200).end();\n}\n`;
    expect(summary(webhookIn('pages/api/hooks.js', svix))).toEqual({
      provider: 'resend',
      verification: 'broken',
      event: 'evt',
      faults: ['bodyParser'],
    });
    const fixed = `export const config = { api: { bodyParser: false } };\n${svix.replace('req.body', 'await buffer(req)')}`;
    expect(summary(webhookIn('pages/api/hooks.js', fixed))).toMatchObject({ verification: 'verified' });
  });

  it('reports an HMAC mismatch that does not stop the handler', () => {
    const text = `import crypto from 'node:crypto';\nexport async function POST(req: Request) {\n  const raw = await req.text();\n  const digest = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET!).update(raw).digest('hex');\n  if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(req.headers.get('x-hub-signature-256') ?? ''))) console.warn('bad signature');\n  const payload = JSON.parse(raw);\n  return Response.json(await deploy(payload));\n}\n`;
    expect(summary(webhookIn('app/api/deploy/route.ts', text))).toEqual({
      provider: 'github',
      verification: 'broken',
      event: 'payload',
      faults: ['failureIgnored'],
    });
  });
});

describe('swallowedErrors', () => {
  it('finds the catch that answers 200, the empty one, and the one that falls through to the 2xx answer', () => {
    const text = `export async function POST(req: Request) {\n  const event = await req.json();\n  try {\n    if (event.type === 'invoice.paid') await markPaid(event);\n  } catch (err) {\n    return Response.json({ received: true });\n  }\n  try {\n    await notify(event);\n  } catch {}\n  try {\n    await audit(event);\n  } catch (err) {\n    console.error(err);\n  }\n  try {\n    await archive(event);\n  } catch (err) {\n    return new Response('failed', { status: 500 });\n  }\n  return Response.json({ received: true });\n}\n`;
    const webhook = webhookIn('app/api/stripe/route.ts', text)!;
    expect(swallowedErrors(webhook).map((s) => [s.kind, s.clause.loc!.start.line, s.status])).toEqual([
      ['ok', 5, 200],
      ['empty', 10, null],
      ['fallsThrough', 13, null],
    ]);
  });
});
