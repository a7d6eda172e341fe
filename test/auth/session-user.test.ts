import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionDeclaration, Node } from '@babel/types';
import { FIXTURES } from '../helpers.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { sessionUser } from '../../src/analysis/auth/index.ts';

/** The session user of the first function a module exports. */
function userOf(code: string) {
  const file = parseSource('app/api/x/route.ts', code);
  const exported = file.program.body.find((s) => s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration');
  const declaration = (exported as { declaration: Node }).declaration;
  const fn = declaration.type === 'VariableDeclaration' ? declaration.declarations[0]!.init! : declaration;
  return sessionUser(fn, file.program);
}

describe('sessionUser', () => {
  it.each([
    [
      'Auth.js auth()',
      "import { auth } from '@/auth';\nexport async function POST() {\n  const session = await auth();\n  if (!session) return new Response(null, { status: 401 });\n}",
      { binding: 'session', idExpression: 'session.user.id', call: 'auth', line: 3 },
    ],
    [
      'getServerSession, reading the id as the handler does',
      "import { getServerSession } from 'next-auth';\nexport default async function handler(req, res) {\n  const session = await getServerSession(req, res, authOptions);\n  return session?.userId;\n}",
      { binding: 'session', idExpression: 'session.userId', call: 'getServerSession', line: 3 },
    ],
    [
      'Clerk auth() destructured',
      "import { auth } from '@clerk/nextjs/server';\nexport async function POST() {\n  const { userId } = await auth();\n}",
      { binding: 'userId', idExpression: 'userId', call: 'auth', line: 3 },
    ],
    [
      'Clerk currentUser()',
      "import { currentUser } from '@clerk/nextjs/server';\nexport async function POST() {\n  const user = await currentUser();\n}",
      { binding: 'user', idExpression: 'user.id', call: 'currentUser', line: 3 },
    ],
    [
      'Supabase getUser()',
      'export async function POST() {\n  const supabase = createClient();\n  const {\n    data: { user },\n  } = await supabase.auth.getUser();\n}',
      { binding: 'user', idExpression: 'user.id', call: 'supabase.auth.getUser', line: 3 },
    ],
    [
      'Supabase getClaims()',
      'export async function POST() {\n  const { data } = await supabase.auth.getClaims();\n}',
      { binding: 'data', idExpression: 'data.claims.sub', call: 'supabase.auth.getClaims', line: 2 },
    ],
    [
      'a project helper',
      "import { getCurrentUser } from '@/lib/session';\nexport const deletePost = async (id: string) => {\n  const user = await getCurrentUser();\n};",
      { binding: 'user', idExpression: 'user.id', call: 'getCurrentUser', line: 3 },
    ],
    [
      'Lucia validateRequest()',
      "import { validateRequest } from '@/lib/auth';\nexport async function POST() {\n  const { user, session } = await validateRequest();\n}",
      { binding: 'user', idExpression: 'user.id', call: 'validateRequest', line: 3 },
    ],
    [
      'jsonwebtoken verify',
      "import jwt from 'jsonwebtoken';\nexport default function handler(req, res) {\n  const decoded = jwt.verify(req.headers.authorization, secret);\n  return decoded.userId;\n}",
      { binding: 'decoded', idExpression: 'decoded.userId', call: 'jwt.verify', line: 3 },
    ],
  ])('%s', (_name, code, expected) => {
    expect(userOf(code)).toEqual(expected);
  });

  it('finds no user where the handler asks for none, or only builds a client', () => {
    expect(userOf('export async function POST(req) {\n  const supabase = createClient();\n  const body = await req.json();\n}')).toBeNull();
    expect(
      userOf("import { getPosts } from '@/lib/posts';\nexport async function GET() {\n  const posts = await getPosts();\n}"),
    ).toBeNull();
  });
});

describe('sessionUser on what add-auth-guard writes', () => {
  const dir = path.join(FIXTURES, 'add-auth-guard');
  const outputs = readdirSync(dir).filter((file) => /\.output\.ts$/.test(file) && !/^(?:no-library|already-guarded)\./.test(file));

  it.each(outputs)('%s: finds the binding the guard introduced', (file) => {
    const source = readFileSync(path.join(dir, file), 'utf8');
    const ast = parseSource(file, source);
    const fn = ast.program.body
      .flatMap((s) => (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? [s.declaration] : []))
      .find((d): d is FunctionDeclaration => d?.type === 'FunctionDeclaration')!;
    const user = sessionUser(fn, ast.program);
    expect(user).not.toBeNull();
    expect(source).toContain(`if (!${user!.binding}`);
  });
});
