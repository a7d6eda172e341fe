import { mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyFix } from '../fix-app.ts';
import { REPO, writeTree } from '../helpers.ts';

/**
 * The fixed handlers run for real: the app is written inside the repository, so its `import OpenAI
 * from 'openai'` resolves to the installed SDK, which `OPENAI_BASE_URL` points at a local server
 * standing in for the API. No request leaves the machine.
 */
const cacheDir = path.join(REPO, 'node_modules', '.cache', 'shipshape-dev');
mkdirSync(cacheDir, { recursive: true });
const root = realpathSync(mkdtempSync(path.join(cacheDir, 'ai-runtime-')));

const CLIENT = `import OpenAI from 'openai';\n\nexport const openai = new OpenAI();\n`;
// The model the project writes elsewhere: the fix takes it for the route that lets the caller choose.
const SUMMARY = `import { openai } from './openai';\n\nexport async function summarise(text: string) {\n  const completion = await openai.chat.completions.create({\n    model: 'gpt-4o-mini',\n    max_tokens: 200,\n    messages: [{ role: 'user', content: \`Summarise: \${text}\` }],\n  });\n  return completion.choices[0]?.message.content;\n}\n`;
const APP_ROUTE = `import { NextResponse } from 'next/server';\nimport { openai } from '../../../lib/openai';\n\nexport async function POST(req: Request) {\n  const { prompt, model } = await req.json();\n  const completion = await openai.chat.completions.create({\n    model,\n    messages: [{ role: 'user', content: prompt }],\n  });\n  return NextResponse.json({ text: completion.choices[0]?.message.content });\n}\n`;
const PAGES_ROUTE = `import type { NextApiRequest, NextApiResponse } from 'next';\nimport { openai } from '../../lib/openai';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const { topic, model } = req.body;\n  const completion = await openai.chat.completions.create({\n    model: model || 'gpt-4o',\n    messages: [{ role: 'user', content: \`Write a tweet about \${topic}\` }],\n  });\n  res.status(200).json({ text: completion.choices[0]?.message.content });\n}\n`;

const MAX_TOKENS = 256;
const MAX_INPUT_CHARS = 100;

interface Upstream {
  path: string;
  body: { model: string; max_tokens?: number; messages: Array<{ content: string }> };
}

const received: Upstream[] = [];
let server: Server;
let appPost: (req: Request) => Promise<Response>;
let pagesHandler: (req: unknown, res: unknown) => Promise<void>;
const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };

/** What the Chat Completions API answers, with the fields the SDK reads. */
function completion(model: string) {
  return {
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'local answer' } }],
    usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text) as Upstream['body'];
      received.push({ path: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completion(body.model)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.OPENAI_API_KEY = 'sk-local-test';
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  writeTree(
    {
      'package.json': '{"name":"ai-runtime","dependencies":{"next":"15.1.0","openai":"6.49.0"}}',
      'lib/openai.ts': CLIENT,
      'lib/summary.ts': SUMMARY,
      'app/api/chat/route.ts': APP_ROUTE,
      'pages/api/tweet.ts': PAGES_ROUTE,
    },
    root,
  );
  expect(await applyFix(root, 'cap-ai-usage', { maxTokens: MAX_TOKENS, maxInputChars: MAX_INPUT_CHARS, model: '' })).toEqual([]);
  appPost = (await import(path.join(root, 'app/api/chat/route.ts'))).POST;
  pagesHandler = (await import(path.join(root, 'pages/api/tweet.ts'))).default;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
  for (const [name, value] of [
    ['OPENAI_API_KEY', saved.key],
    ['OPENAI_BASE_URL', saved.url],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

beforeEach(() => {
  received.length = 0;
});

async function appRoute(body: Record<string, unknown>): Promise<number> {
  const request = new Request('http://localhost/api/chat', { method: 'POST', body: JSON.stringify(body) });
  return (await appPost(request)).status;
}

/** A Pages Router call as Next.js makes it: the body parsed, the status the handler sets. */
async function pagesRoute(body: Record<string, unknown>): Promise<number> {
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
  await pagesHandler({ method: 'POST', headers: {}, body }, res);
  return status;
}

// The App Router route takes the model the project writes elsewhere; the Pages route, the fallback it writes itself.
describe.each([
  ['App Router', appRoute, 'prompt', 'gpt-4o-mini'],
  ['Pages Router', pagesRoute, 'topic', 'gpt-4o'],
])('an OpenAI route fixed by cap-ai-usage (%s)', (_router, call, field, model) => {
  it('sends the output cap, and a model the code chose instead of the one the caller names', async () => {
    expect(await call({ [field]: 'launch day', model: 'gpt-4.5-preview' })).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe('/v1/chat/completions');
    expect(received[0]!.body.max_tokens).toBe(MAX_TOKENS);
    expect(received[0]!.body.model).toBe(model);
    expect(received[0]!.body.messages[0]!.content).toContain('launch day');
  });

  it('answers 400 to an input over the limit, and calls nothing upstream', async () => {
    expect(await call({ [field]: 'x'.repeat(MAX_INPUT_CHARS + 1), model: 'gpt-4o-mini' })).toBe(400);
    expect(received).toHaveLength(0);
  });

  it('still answers an input at the limit', async () => {
    expect(await call({ [field]: 'x'.repeat(MAX_INPUT_CHARS) })).toBe(200);
    expect(received).toHaveLength(1);
  });
});

describe('the fixed files', () => {
  it('leave the module that already fixed its model and cap alone', () => {
    expect(readFileSync(path.join(root, 'lib/summary.ts'), 'utf8')).toBe(SUMMARY);
  });
});
