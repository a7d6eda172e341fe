import type { Node } from '@babel/types';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../src/engine/parse.ts';
import { forEachNode } from '../src/engine/walk.ts';
import { loadProject } from '../src/project/load-project.ts';
import { requestHandlers, type RequestHandler } from '../src/analysis/request-handlers.ts';
import { callerInput } from '../src/analysis/request-input.ts';
import { CHECK_IDS } from '../src/registry.ts';
import { cleanTempDirs, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

const PACKAGE = JSON.stringify({ dependencies: { next: '15.0.0' } });

function handlersOf(file: string, text: string): RequestHandler[] {
  const root = writeTree({
    'package.json': PACKAGE,
    [file]: text,
    'app/page.tsx': 'export default () => null;',
    'pages/index.tsx': 'export default () => null;',
  });
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  return requestHandlers(file, parseSource(file, text), project);
}

const summary = (handlers: RequestHandler[]) =>
  handlers.map(({ kind, method, name, route, wrappers, request, response, params }) => ({
    kind,
    method,
    name,
    route,
    wrappers,
    request,
    response,
    params,
  }));

/** The input source of every identifier named `probe*` passed to `use(…)` in the handler. */
function probes(handler: RequestHandler): Record<string, string | null> {
  const input = callerInput(handler);
  const found: Record<string, string | null> = {};
  forEachNode(handler.fn, (node: Node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'use') {
      const [label, value] = node.arguments;
      if (label?.type === 'StringLiteral') found[label.value] = input.sourceOf(value);
    }
  });
  return found;
}

describe('requestHandlers', () => {
  it('finds a Pages API handler behind a local name and a wrapper, and module.exports', () => {
    const wrapped = handlersOf('pages/api/posts/[id].ts', 'async function handler(req, res) {}\nexport default withAuth(handler);\n');
    expect(summary(wrapped)).toEqual([
      {
        kind: 'pages-api',
        method: null,
        name: 'default',
        route: '/api/posts/[id]',
        wrappers: ['withAuth'],
        request: 'req',
        response: 'res',
        params: ['req', 'res'],
      },
    ]);
    const commonJs = handlersOf('pages/api/hello.js', 'module.exports = async (request, response) => { response.end(); };\n');
    expect(summary(commonJs)[0]).toMatchObject({ kind: 'pages-api', request: 'request', response: 'response' });
  });

  it('finds next-connect verbs with their methods', () => {
    const handlers = handlersOf(
      'pages/api/items.ts',
      'const router = createRouter();\nexport default router.get(async (req, res) => {}).post(async (req, res) => {}).handler();\n',
    );
    expect(handlers.map((handler) => handler.method)).toEqual(['GET', 'POST']);
  });

  it('finds routes added to a router in statements of their own before it is exported', () => {
    const handlers = handlersOf(
      'pages/api/login.ts',
      'const router = createRouter();\nrouter.use(connectDb).post(async (req, res) => {});\nrouter.get(async (req, res) => {});\nexport default router.handler();\n',
    );
    expect(handlers.map((handler) => [handler.method, handler.line])).toEqual([
      ['POST', 2],
      ['GET', 3],
    ]);
  });

  it('finds route handlers: declarations, wrapped constants and re-exported names', () => {
    const text = [
      'export async function GET(request: Request) {}',
      'export const POST = withRateLimit(async (req: NextRequest, { params }: Ctx) => {});',
      'const handler = NextAuth(options);',
      'function remove(req) {}',
      'export { remove as DELETE, handler as PUT };',
    ].join('\n');
    expect(summary(handlersOf('app/api/posts/[id]/route.ts', text))).toEqual([
      {
        kind: 'route-handler',
        method: 'GET',
        name: 'GET',
        route: '/api/posts/[id]',
        wrappers: [],
        request: 'request',
        response: null,
        params: ['request'],
      },
      {
        kind: 'route-handler',
        method: 'POST',
        name: 'POST',
        route: '/api/posts/[id]',
        wrappers: ['withRateLimit'],
        request: 'req',
        response: null,
        params: ['req', 'params'],
      },
      {
        kind: 'route-handler',
        method: 'DELETE',
        name: 'DELETE',
        route: '/api/posts/[id]',
        wrappers: [],
        request: 'req',
        response: null,
        params: ['req'],
      },
    ]);
  });

  it('finds the exports of a use-server module and inline server actions, and nothing in other files', () => {
    const module = handlersOf(
      'app/actions.ts',
      "'use server';\nexport async function deletePost(id: string) {}\nexport const rename = async ({ id, title }) => {};\nfunction helper() {}\n",
    );
    expect(module.map((handler) => [handler.kind, handler.name, handler.params])).toEqual([
      ['server-action', 'deletePost', ['id']],
      ['server-action', 'rename', ['id', 'title']],
    ]);
    const inline = handlersOf(
      'app/posts/page.tsx',
      "export default function Page() {\n  async function save(formData: FormData) {\n    'use server';\n  }\n  return <form action={save} />;\n}\n",
    );
    expect(inline.map((handler) => [handler.kind, handler.name])).toEqual([['server-action', 'save']]);
    expect(handlersOf('lib/db.ts', 'export async function GET() {}\nexport default function handler(req, res) {}\n')).toEqual([]);
    expect(handlersOf('pages/about.tsx', 'export default function About() { return null; }\n')).toEqual([]);
  });
});

describe('callerInput', () => {
  it('follows a Pages API request into bindings', () => {
    const [handler] = handlersOf(
      'pages/api/posts.ts',
      [
        'export default async function handler(req, res) {',
        '  const { id } = req.query;',
        '  const body = req.body;',
        '  const title = body.title.trim();',
        '  const page = Number(req.query.page ?? 1);',
        "  use('id', id); use('title', title); use('page', page); use('method', req.method); use('session', session.user.id);",
        "  use('header', req.headers['x-forwarded-for']); use('template', `posts/${id}`); use('literal', 'x');",
        '}',
      ].join('\n'),
    );
    expect(probes(handler!)).toEqual({
      id: 'query',
      title: 'body',
      page: 'query',
      method: null,
      session: null,
      header: 'headers',
      template: 'query',
      literal: null,
    });
  });

  it('follows a route handler’s body, form, search params and route params', () => {
    const [handler] = handlersOf(
      'app/api/posts/[id]/route.ts',
      [
        'export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {',
        '  const { id } = await params;',
        '  const data = await request.json();',
        '  const form = await request.formData();',
        "  const q = request.nextUrl.searchParams.get('q');",
        "  const page = new URL(request.url).searchParams.get('page');",
        '  const user = await auth();',
        "  use('id', id); use('data', data.name); use('form', form.get('file')); use('q', q); use('page', page); use('user', user.id);",
        "  use('cookie', cookies().get('theme')); use('as', (data as Post).title!);",
        '}',
      ].join('\n'),
    );
    expect(probes(handler!)).toEqual({
      id: 'params',
      data: 'body',
      form: 'form',
      q: 'query',
      page: 'query',
      user: null,
      cookie: 'cookies',
      as: 'body',
    });
  });

  it('treats every server action argument as the caller’s, including form fields', () => {
    const [handler] = handlersOf(
      'app/actions.ts',
      "'use server';\nexport async function update(formData: FormData, { force }) {\n  const id = formData.get('id') as string;\n  const me = await getCurrentUser();\n  use('id', id); use('force', force); use('me', me.id);\n}\n",
    );
    expect(probes(handler!)).toEqual({ id: 'argument', force: 'argument', me: null });
  });
});
