import type { ASTPath } from 'jscodeshift';
import type { File as BabelFile, Node } from '@babel/types';
import { TextEdits, ancestorsOf, sourceTree } from '../../src/engine/codemod.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { recordQuery, type RecordQuery } from '../../src/analysis/record-queries.ts';
import { recordAccess } from '../../src/analysis/record-access.ts';
import { requestHandlers, type RequestHandler } from '../../src/analysis/request-handlers.ts';
import type { Project } from '../../src/project/types.ts';
import type { Finding } from '../../src/types.ts';
import { meta } from '../meta/scope-to-owner.ts';
import { scopePrisma, scopeSql, scopeSupabase, type Scope } from './rewrite.ts';
import { sessionUser } from '../../src/analysis/auth/session-user.ts';
export { meta };

const STATEMENT = /(Statement|Declaration)$/;

/** How the handler answers "no such record": the response of its router, or a throw in a server action. */
function notFound(handler: RequestHandler, source: string): string {
  if (handler.kind === 'pages-api' && handler.response) return `return ${handler.response}.status(404).json({ error: 'Not found' });`;
  if (handler.kind !== 'route-handler') return "throw new Error('Not found');";
  return /\bNextResponse\b/.test(source)
    ? "return NextResponse.json({ error: 'Not found' }, { status: 404 });"
    : "return Response.json({ error: 'Not found' }, { status: 404 });";
}

function scopeFile(
  j: Awaited<ReturnType<typeof loadJscodeshift>>,
  project: Project,
  file: string,
  source: string,
  findings: readonly Finding[],
): string | null {
  const root = sourceTree(j, source);
  const ast = root.get().node as BabelFile;
  const program = ast.program;
  const handlers = requestHandlers(file, ast, project);
  const edits = new TextEdits(source, file);
  const lines = new Map(findings.map((f) => [f.line, f]));
  const visit = (path: ASTPath) => {
    const node = path.node as unknown as Node;
    const finding = lines.get(node.loc!.start.line);
    if (!finding) return;
    const ancestors = ancestorsOf(path);
    const query: RecordQuery | null = recordQuery(node, ancestors, program, source);
    // A supabase-js chain is found from its `.from()` call, whose line may be another than the chain's start.
    if (!query || (query.node !== node && query.shape !== 'supabase') || query.node.loc!.start.line !== finding.line) return;
    lines.delete(finding.line);
    const access = recordAccess(query, ancestors, handlers, program);
    if (!access) return;
    const statementNode = [...ancestors, node].reverse().find((a) => STATEMENT.test(a.type) && a.type !== 'BlockStatement')!;
    const user = sessionUser(access.handler.fn, program, node);
    if (!user) {
      edits.todoAbove(
        statementNode.start!,
        'scope this query to the signed-in user: run `shipshape transform add-auth-guard` on this file, then scope-to-owner',
      );
      return;
    }
    const scope: Scope = {
      edits,
      source,
      owner: String(finding.data?.owner),
      userId: user.idExpression,
      notFound: notFound(access.handler, source),
      statement: statementNode,
      handler: access.handler.fn,
      callerComparisons: access.callerComparisons,
    };
    const outcome =
      query.shape === 'prisma'
        ? scopePrisma(scope, query)
        : query.shape === 'supabase'
          ? scopeSupabase(scope, query)
          : scopeSql(scope, query);
    if (outcome) edits.todoAbove(statementNode.start!, outcome);
  };
  root.find(j.CallExpression).forEach(visit);
  root.find(j.TaggedTemplateExpression).forEach(visit);
  return edits.changed ? edits.apply() : null;
}

async function loadJscodeshift() {
  return (await import('jscodeshift')).default.withParser('tsx');
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.fix?.id === meta.id);
  if (relevant.length === 0) return;
  // jscodeshift loads here, not with the module: the registry's metadata never needs it.
  const j = await loadJscodeshift();
  for (const file of [...new Set(relevant.map((f) => f.file))].sort()) {
    const source = changeset.read(file);
    if (source === null) continue;
    const output = scopeFile(
      j,
      project,
      file,
      source,
      relevant.filter((f) => f.file === file),
    );
    if (output !== null) changeset.write(file, output);
  }
}
