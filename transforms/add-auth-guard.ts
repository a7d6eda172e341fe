import type { API, FileInfo } from 'jscodeshift';
import type { File as BabelFile, Program as BabelProgram, Statement } from '@babel/types';
import { TextEdits, insertImportLines, sourceTree } from '../src/engine/codemod.ts';
import { forEachNode } from '../src/engine/walk.ts';
import { declaringStatements } from '../src/engine/ast.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import { boundNames, moduleHandlers, type RequestHandler } from '../src/analysis/request-handlers.ts';
import { callerInput } from '../src/analysis/request-input.ts';
import { webhookOf } from '../src/analysis/webhooks/index.ts';
import { handlerEffects, localGate, sessionUserCalls } from '../src/analysis/auth/index.ts';
import { denyLines, sessionCheck, type AuthIdiom, type HandlerNames } from '../src/analysis/auth/idiom.ts';
import { publicByActionName, publicByRoute } from '../src/analysis/auth/public-intent.ts';
import { chainText, importsOf, unwrap } from '../src/analysis/auth/syntax.ts';
import { meta } from './meta/add-auth-guard.ts';
export { meta };

export const parser = 'tsx';

const NO_LIBRARY = 'check who is calling before this runs: no auth library was found to write the check with';
const SUPABASE_CLIENT =
  /^(?:createClient|createServerClient|createRouteHandlerClient|createServerActionClient|createSupabaseServerClient|createServerSupabaseClient)$/;

function idiomOf(options: Answers): AuthIdiom | null {
  const library = String(options.authLibrary ?? '');
  if (!['helper', 'clerk', 'authjs', 'next-auth', 'supabase'].includes(library)) return null;
  return {
    library: library as AuthIdiom['library'],
    ...(options.authModule ? { module: String(options.authModule) } : {}),
    ...(options.authName ? { name: String(options.authName) } : {}),
    ...(options.authModuleAlias ? { alias: String(options.authModuleAlias) } : {}),
  };
}

/** Whether the handler needs a gate: it writes or spends, no one checks, and it is not public by intent. */
function needsGuard(handler: RequestHandler, program: BabelProgram): boolean {
  if (webhookOf(handler, program)) return false;
  if (handler.route ? publicByRoute(handler.route) : publicByActionName(handler.name)) return false;
  const local = localGate(handler.fn, program, handler.wrappers);
  if (local.wrapper || local.sharedSecret || local.uses.some((use) => use.enforced)) return false;
  return handlerEffects(handler.fn, program, callerInput(handler)).some((effect) => effect.kind !== 'read');
}

/** A Supabase client the handler builds before anything else, which the check can ask. */
function supabaseClient(body: Statement[]): { name: string; statement: Statement } | null {
  for (const statement of body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement.declarations) {
      const call = unwrap(d.init);
      const callee = call?.type === 'CallExpression' ? (chainText(call.callee) ?? '') : '';
      if (d.id.type === 'Identifier' && SUPABASE_CLIENT.test(callee.split('.').at(-1) ?? '')) return { name: d.id.name, statement };
    }
  }
  return null;
}

export default function addAuthGuard(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const program = root.find(j.Program).get().node as unknown as BabelProgram;
  const ast = { type: 'File', program } as BabelFile;
  const handlers = moduleHandlers(file.path, ast).filter((h) => needsGuard(h, program));
  if (handlers.length === 0) return undefined;
  const edits = new TextEdits(file.source, file.path);
  const idiom = idiomOf(options);
  const imports = new Set<string>();
  const imported = importsOf(program);
  const moduleNames = new Set<string>(imported.keys());
  for (const statement of program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'VariableDeclaration')
      for (const d of declaration.declarations) boundNames(d.id).forEach((n) => moduleNames.add(n));
    else if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id)
      moduleNames.add(declaration.id.name);
  }
  for (const handler of handlers) {
    const body = handler.fn.body;
    if (body.type !== 'BlockStatement' || body.body.length === 0) continue;
    const first = body.body[0]!;
    const indent = edits.indentAt(first.start!);
    const unit = indent.includes('\t') ? '\t' : '  ';
    const write = (at: number, lines: string[], before: boolean, lineIndent = indent) => {
      const text = lines.map((line) => `${lineIndent}${line.replace(/^ {2}/, unit)}`).join('\n');
      if (before) edits.insert(at, `${text.trimStart()}\n${indent}`);
      else edits.insert(at, `\n${text}`);
    };
    const taken = new Set<string>();
    forEachNode(handler.fn, (node) => void (node.type === 'Identifier' && taken.add(node.name)));
    const names: HandlerNames = {
      request: handler.request,
      response: handler.response,
      nextResponse: imported.has('NextResponse'),
      taken,
      imports: imported,
      moduleNames,
    };
    // An auth call whose answer nothing read: the condition it lacks, on its own binding.
    // Only where its binding is in scope after the statement that holds it: at the top, or in a `try` there.
    const ignored = sessionUserCalls(handler.fn, program).find((call) => call.auth.trusted);
    const declared = ignored ? declaringStatements(body.body, ignored.declaration) : null;
    if (ignored && declared) {
      const statement = declared.list[declared.index]!;
      write(statement.end!, denyLines(handler.kind, `!${ignored.binding}`, names), false, edits.indentAt(statement.start!));
      continue;
    }
    const client = idiom?.library === 'supabase' ? supabaseClient(body.body) : null;
    const check = idiom && sessionCheck(idiom, handler.kind, file.path, { ...names, supabase: client?.name ?? null });
    if (!check) {
      edits.todoAbove(first.start!, NO_LIBRARY);
      continue;
    }
    for (const line of check.imports) imports.add(line);
    if (client) write(client.statement.end!, check.lines, false);
    else write(first.start!, check.lines, true);
  }
  insertImportLines(edits, program as never, [...imports]);
  return edits.changed ? edits.apply() : undefined;
}
