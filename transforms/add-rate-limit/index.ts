import type { Program, Statement } from '@babel/types';
import { exits } from '../../src/analysis/auth/enforced.ts';
import { sessionUserCalls } from '../../src/analysis/auth/session-user.ts';
import { TextEdits, insertImportLines } from '../../src/engine/codemod.ts';
import { declaringStatements } from '../../src/engine/ast.ts';
import { moduleSpecifiers } from '../../src/analysis/module-specifier.ts';
import { parseSource } from '../../src/engine/parse.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { requestHandlers, type RequestHandler } from '../../src/analysis/request-handlers.ts';
import { byPackage } from '../../src/project/packages.ts';
import type { Finding } from '../../src/types.ts';
import { meta } from '../meta/add-rate-limit.ts';
import { writeLimiter } from './module.ts';
import { importLines, replaceStore, replaceableStores } from './replace-store.ts';
import { mentionsName } from '../../src/analysis/error-handling.ts';
export { meta };

const HANDLER_CHECK = 'auth-endpoint-without-rate-limit';
const STORE_CHECK = 'in-memory-rate-limit';

export async function plan({ project, findings, changeset, options }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.ruleId === HANDLER_CHECK || f.ruleId === STORE_CHECK);
  if (relevant.length === 0) return;
  const limit = Number(options.limit ?? 10);
  const windowSeconds = Number(options.windowSeconds ?? 60);
  for (const { pkg, items: pkgFindings } of byPackage(project.packages, relevant)) {
    const files = [...new Set(pkgFindings.map((f) => f.file))].sort();
    const limiter = await writeLimiter(project, changeset, pkg, files, { limit, windowSeconds });
    const module = limiter?.module;
    if (limiter && limiter.migrations.length > 0)
      changeset.followUp({
        kind: 'command',
        message: `apply ${limiter.migrations.join(' and ')} (the rate_limits table${limiter.migrations.length > 1 ? ' and the function that counts in it' : ''}) before deploying the limited routes`,
      });
    if (limiter?.serviceRoleKey)
      changeset.followUp({
        kind: 'manual',
        message: `set ${limiter.serviceRoleKey} (the service-role key, server-side only) where the app runs: ${limiter.module} calls the rate-limit function with it`,
      });
    if (!module) {
      for (const file of files)
        noteEach(
          changeset,
          file,
          pkgFindings.filter((f) => f.file === file),
          'limit how often one caller may call this (per user or IP), in Redis or the database: this app has no Postgres client, supabase-js or Upstash for shipshape to use',
        );
      continue;
    }
    for (const file of files) {
      const here = pkgFindings.filter((f) => f.file === file);
      // Handlers first, by the lines the findings name; stores are then found by their names.
      const stores = replaceableStores(
        { project, changeset },
        file,
        here.filter((f) => f.ruleId === STORE_CHECK).map((f) => String(f.data?.name ?? '')),
      );
      limitHandlers(
        project,
        changeset,
        file,
        here.filter((f) => f.ruleId === HANDLER_CHECK),
        module,
        stores,
      );
      const unclear = here.filter((f) => f.ruleId === STORE_CHECK && !replaceStore({ project, changeset }, f, module));
      noteEach(
        changeset,
        file,
        unclear.map((f) => ({ ...f, ...storeLine(changeset.read(file) ?? '', f) })),
        `count with rateLimit() from ${module} instead: this map is per instance and empties on every restart (shipshape replaces a helper or handler that compares one count with a constant limit in a constant window; this one is shaped otherwise)`,
      );
    }
  }
}

/** Where a store's declaration is now, after the handlers above it were edited. */
function storeLine(source: string, finding: Finding): { line: number; column: number } {
  const name = String(finding.data?.name ?? '');
  const match = new RegExp(`^([ \\t]*)(?:export\\s+)?(?:const|let|var)\\s+${name}\\b`, 'm').exec(source);
  if (!name || !match) return { line: finding.line, column: finding.column };
  return { line: source.slice(0, match.index).split('\n').length, column: match[1]!.length + 1 };
}

/** A TODO above each finding's line, for what the transform cannot write itself. */
function noteEach(changeset: ProjectTransformContext['changeset'], file: string, findings: readonly Finding[], text: string): void {
  if (findings.length === 0) return;
  const source = changeset.read(file);
  if (source === null) return;
  const edits = new TextEdits(source, file);
  const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((match) => match.index! + 1)];
  for (const finding of findings) edits.todoAbove(lineStarts[finding.line - 1]! + (finding.column - 1), text);
  if (edits.changed) changeset.write(file, edits.apply());
}

function limitHandlers(
  project: ProjectTransformContext['project'],
  changeset: ProjectTransformContext['changeset'],
  file: string,
  findings: readonly Finding[],
  module: string,
  /** In-memory stores of the file that will be replaced: a handler that counts in one gets that replacement instead. */
  stores: readonly string[],
): void {
  if (findings.length === 0) return;
  const source = changeset.read(file);
  if (source === null) return;
  const ast = parseSource(file, source);
  const handlers = requestHandlers(file, ast, project);
  const edits = new TextEdits(source, file);
  const typescript = /\.tsx?$/.test(file);
  const names = new Set<string>();
  let needsHeaders = false;
  let needsNextResponse = false;
  const nextServer = ast.program.body.some(
    (s) => s.type === 'ImportDeclaration' && s.source.value === 'next/server' && s.importKind !== 'type',
  );
  for (const finding of findings) {
    const handler = handlers.find((candidate) => candidate.line === finding.line);
    if (!handler) continue;
    const body = handler.fn.body;
    const own = source.slice(handler.fn.start!, handler.fn.end!);
    if (/\brateLimit\(/.test(own) || stores.some((store) => mentionsName(handler.fn, store))) continue;
    const caller = body.type === 'BlockStatement' ? signedInCaller(handler, body.body, ast.program) : null;
    const request = caller?.gated ? null : requestName(handler, edits, source, typescript);
    if (body.type !== 'BlockStatement' || request === undefined) {
      edits.todoAbove(handler.fn.start!, `check rateLimit() from ${module} at the top of this handler and answer 429 when it refuses`);
      continue;
    }
    const result = mentionsName(handler.fn, 'rate') ? 'rateLimitResult' : 'rate';
    const after = caller?.after ?? body.body[0];
    const indent = after ? edits.indentAt(after.start!) : `${edits.indentAt(handler.fn.start!)}  `;
    const inner = indent + (indent.includes('\t') ? '\t' : '  ');
    const key = callerKey(handler, caller, request);
    // A wrapper typed to return NextResponse refuses a plain Response: answer in the file's own kind.
    const responseClass = nextServer ? 'NextResponse' : 'Response';
    if (nextServer && handler.kind === 'route-handler') needsNextResponse = true;
    const lines = checkLines(handler, key, result, responseClass);
    const at = caller ? caller.after.end! : body.start! + 1;
    edits.insert(at, lines.map((line) => `\n${line.startsWith(' ') ? inner + line.trimStart() : indent + line}`).join(''));
    if (!handler.fn.async) edits.insert(handler.fn.start!, 'async ');
    names.add('rateLimit');
    if (key.includes('clientAddress(')) names.add('clientAddress');
    if (key.includes('await headers()')) needsHeaders = true;
  }
  if (names.size > 0) {
    const imports = importLines(ast.program, moduleSpecifiers(project, changeset)(file, module), [...names].sort(), edits);
    if (needsHeaders && !/import\s*\{[^}]*\bheaders\b[^}]*\}\s*from\s*['"]next\/headers['"]/.test(source))
      imports.unshift("import { headers } from 'next/headers';");
    if (needsNextResponse) importLines(ast.program, 'next/server', ['NextResponse'], edits);
    insertImportLines(edits, ast.program, imports);
  }
  if (edits.changed) changeset.write(file, edits.apply());
}

interface SignedInCaller {
  /** The statement the check goes after: the session read, or the gate that follows it. */
  after: Statement;
  /** The user's id as the handler names it; non-null after a gate. */
  id: string;
  gated: boolean;
}

/**
 * The session read at the top level of the handler's body (or of a `try` there), and whether the next statement leaves
 * the handler when no one is signed in (`if (!user) return 401`), so the user's id is known after it.
 */
function signedInCaller(handler: RequestHandler, statements: readonly Statement[], program: Program): SignedInCaller | null {
  const user = sessionUserCalls(handler.fn, program).find((call) => call.auth.trusted);
  const declared = user ? declaringStatements(statements, user.declaration) : null;
  if (!user || !declared) return null;
  const { list, index } = declared;
  const next = list[index + 1];
  if (next?.type === 'IfStatement' && !next.alternate && exits(next.consequent) && mentionsName(next.test, user.binding))
    return { after: next, id: user.idExpression, gated: true };
  return { after: list[index]!, id: user.idExpression.replace(/\./g, '?.'), gated: false };
}

/** The limiter's key: the route (or action), then the signed-in user's id, else the caller's address. */
function callerKey(handler: RequestHandler, caller: SignedInCaller | null, request: string | null): string {
  const scope = handler.route ?? `action:${handler.name}`;
  const address = `ip:\${clientAddress(${request === null ? 'await headers()' : `${request}.headers`})}`;
  if (caller?.gated) return `\`${scope}:user:\${${caller.id}}\``;
  if (caller) return `\`${scope}:\${${caller.id} ? \`user:\${${caller.id}}\` : \`${address}\`}\``;
  return `\`${scope}:${address}\``;
}

/**
 * The request's name, adding a `request` parameter to a route handler that takes none; null for a
 * server action (it reads `headers()`), undefined when there is no name to use.
 */
function requestName(handler: RequestHandler, edits: TextEdits, source: string, typescript: boolean): string | null | undefined {
  if (handler.kind === 'server-action') return null;
  if (handler.kind === 'pages-api') return handler.request && handler.response ? handler.request : undefined;
  if (handler.request) return handler.request;
  if (handler.fn.params.length > 0) return undefined;
  const open = source.indexOf(
    '(',
    handler.fn.type === 'ArrowFunctionExpression' ? handler.fn.start! : (handler.fn.id?.end ?? handler.fn.start!),
  );
  edits.insert(open + 1, typescript ? 'request: Request' : 'request');
  return 'request';
}

/** The check, as lines; a leading space marks a line one level further in. */
function checkLines(handler: RequestHandler, key: string, result: string, responseClass: string): string[] {
  if (handler.kind === 'server-action') {
    return [
      `const ${result} = await rateLimit(${key});`,
      `if (!${result}.allowed) {`,
      ` throw new Error(\`Too many attempts: try again in \${${result}.retryAfter} seconds\`);`,
      '}',
    ];
  }
  if (handler.kind === 'pages-api') {
    return [
      `const ${result} = await rateLimit(${key});`,
      `if (!${result}.allowed) {`,
      ` ${handler.response}.setHeader('Retry-After', String(${result}.retryAfter));`,
      ` return ${handler.response}.status(429).json({ error: 'Too many requests' });`,
      '}',
    ];
  }
  return [
    `const ${result} = await rateLimit(${key});`,
    `if (!${result}.allowed) {`,
    ` return ${responseClass}.json({ error: 'Too many requests' }, { status: 429, headers: { 'Retry-After': String(${result}.retryAfter) } });`,
    '}',
  ];
}
