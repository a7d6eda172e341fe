import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runFileTransform } from '../../src/engine/run-transform.ts';
import { loadTransform } from '../../src/registry.ts';
import type { FileTransform } from '../../src/engine/transform-types.ts';
import { cleanTempDirs, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);
afterEach(() => vi.restoreAllMocks());

const DB_FAILURE = 'duplicate key value violates unique constraint "orders_email_key"';

const DB = `export const db = {
  order: {
    async create(): Promise<never> {
      throw Object.assign(new Error(${JSON.stringify(DB_FAILURE)}), { code: '23505', table: 'orders' });
    },
  },
};
`;

const ROUTE = `import { NextResponse } from 'next/server';
import { db } from './db';

class ValidationError extends Error {}

export async function POST(request: Request) {
  try {
    const body = await request.json();
    if (!body.email) throw new ValidationError('email required');
    await db.order.create();
    return NextResponse.json({ ok: true }, { status: 201 });
  } catch (error) {
    return NextResponse.json({ message: 'Order failed', error: (error as Error).message }, { status: 500 });
  }
}

export async function PUT(request: Request) {
  try {
    const body = await request.json();
    if (!body.email) throw new ValidationError('email required');
    await db.order.create();
    return NextResponse.json({ ok: true });
  } catch (error) {
    return NextResponse.json({ error: (error as Error).message }, { status: 400 });
  }
}
`;

const ACTION = `'use server';

import { db } from './db';

export async function placeOrder() {
  try {
    await db.order.create();
    return { success: true, message: 'Placed' };
  } catch (error) {
    return { success: false, message: error instanceof Error ? error.message : 'Unknown error' };
  }
}
`;

const PAGES_API = `import { db } from './db';

export default async function handler(req, res) {
  try {
    await db.order.create();
    res.status(200).json({ ok: true });
  } catch (err) {
    res.status(502).json({ error: err.message, stack: err.stack });
  }
}
`;

async function fixed(file: string, source: string): Promise<string> {
  const transform = (await loadTransform('hide-error-details')) as FileTransform;
  const output = await runFileTransform(transform, file, source, {});
  expect(output).not.toBeNull();
  expect(await runFileTransform(transform, file, output!, {})).toBeNull();
  return output!;
}

/** The module before and after the fix, each in a folder of its own with the failing database beside it. */
async function beforeAndAfter(file: string, source: string): Promise<[Record<string, unknown>, Record<string, unknown>]> {
  const before = writeTree({ [file]: source, 'db.ts': DB });
  const after = writeTree({ [file]: await fixed(path.posix.join('app/api/orders', file), source), 'db.ts': DB });
  return [await import(path.join(before, file)), await import(path.join(after, file))];
}

function captureErrors(): unknown[][] {
  const calls: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void calls.push(args));
  return calls;
}

const post = (body: unknown) => new Request('http://localhost/api/orders', { method: 'POST', body: JSON.stringify(body) });

describe('a handler after hide-error-details', () => {
  it('answers the same status with the same keys, a generic message, and logs the error with the route', async () => {
    const [before, after] = await beforeAndAfter('route.ts', ROUTE);
    const logged = captureErrors();
    const original = (await (before.POST as (r: Request) => Promise<Response>)(post({ email: 'a@b.c' }))) as Response;
    expect(original.status).toBe(500);
    expect(await original.json()).toEqual({ message: 'Order failed', error: DB_FAILURE });
    expect(logged).toEqual([]);

    const response = (await (after.POST as (r: Request) => Promise<Response>)(post({ email: 'a@b.c' }))) as Response;
    expect(response.status).toBe(500);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['message', 'error']);
    expect(body).toEqual({ message: 'Order failed', error: 'Internal Server Error' });
    expect(JSON.stringify(body)).not.toContain('orders_email_key');
    expect(logged).toHaveLength(1);
    expect(logged[0]![0]).toBe('POST /api/orders failed:');
    expect((logged[0]![1] as Error).message).toBe(DB_FAILURE);
  });

  it("keeps the message of a validation error the handler throws itself, and hides the database's", async () => {
    const [, after] = await beforeAndAfter('route.ts', ROUTE);
    captureErrors();
    const put = after.PUT as (r: Request) => Promise<Response>;
    const invalid = await put(new Request('http://localhost/api/orders', { method: 'PUT', body: '{}' }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: 'email required' });
    const failed = await put(new Request('http://localhost/api/orders', { method: 'PUT', body: '{"email":"a@b.c"}' }));
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ error: 'Bad Request' });
  });

  it("hides a server action's error message in its result, and logs it with the action's name", async () => {
    const [before, after] = await beforeAndAfter('actions.ts', ACTION);
    const logged = captureErrors();
    expect(await (before.placeOrder as () => Promise<unknown>)()).toEqual({ success: false, message: DB_FAILURE });
    expect(await (after.placeOrder as () => Promise<unknown>)()).toEqual({ success: false, message: 'Unknown error' });
    expect(logged.map((args) => args[0])).toEqual(['placeOrder failed:']);
  });

  it('answers a Pages API error with the same status and keys, and no stack', async () => {
    const [before, after] = await beforeAndAfter(
      'handler.ts',
      PAGES_API.replace('(req, res)', '(req: unknown, res: any)').replace('(err)', '(err: any)'),
    );
    const logged = captureErrors();
    const respond = async (module: Record<string, unknown>) => {
      const sent: { status?: number; body?: Record<string, unknown> } = {};
      const res = {
        status(code: number) {
          sent.status = code;
          return res;
        },
        json(body: Record<string, unknown>) {
          sent.body = body;
          return res;
        },
      };
      await (module.default as (req: unknown, res: unknown) => Promise<void>)({}, res);
      return sent;
    };
    const original = await respond(before);
    expect(original.status).toBe(502);
    expect(String(original.body!.stack)).toContain('db.ts');
    const answer = await respond(after);
    expect(answer).toEqual({ status: 502, body: { error: 'Bad Gateway', stack: 'Bad Gateway' } });
    expect(logged).toHaveLength(1);
  });
});
