import type { API, ASTPath, CallExpression, FileInfo, TaggedTemplateExpression } from 'jscodeshift';
import type { CallExpression as BabelCall, Node, StringLiteral, TemplateLiteral } from '@babel/types';
import { TextEdits, ancestorsOf, statementStart, sourceTree } from '../src/engine/codemod.ts';
import { isUnboundedFindMany, unboundedSelectEnd, unboundedSqlText } from '../src/engine/list-queries.ts';
import type { Answers, TransformMeta } from '../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'bound-list-query',
  title: 'Give list queries a page size',
  description: 'Adds `take` to Prisma `findMany`, `.range(0, pageSize - 1)` to supabase-js list selects and `LIMIT` to SQL that reads rows, with a TODO where the caller should get a way to ask for the next page.',
  safe: true,
  prefilter: ['findMany', '.select(', 'SELECT', 'select '],
  questions: [{ name: 'pageSize', message: 'How many rows should one list query return at most?', type: 'number', default: 100 }],
};

export const parser = 'tsx';

const TODO = 'return one page at a time: let the caller pass a cursor or page number';

/** Where ` LIMIT n` goes in a piece of SQL text: before a closing `;` and trailing whitespace. */
function limitOffset(text: string): number {
  return text.length - /\s*;?\s*$/.exec(text)![0].length;
}

export default function boundListQuery(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const edits = new TextEdits(file.source, file.path);
  const pageSize = Number(options.pageSize ?? 100);
  const note = (path: ASTPath) => {
    const start = statementStart(j, path);
    if (start !== null) edits.todoAbove(start, TODO);
  };
  const limitTemplate = (template: TemplateLiteral) => {
    const last = template.quasis[template.quasis.length - 1]!;
    edits.insert(last.start! + limitOffset(file.source.slice(last.start!, last.end!)), ` LIMIT ${pageSize}`);
  };

  root.find(j.CallExpression).forEach((path: ASTPath<CallExpression>) => {
    const call = path.node as unknown as BabelCall;
    if (isUnboundedFindMany(call)) {
      const [args] = call.arguments;
      if (args?.type === 'ObjectExpression') edits.appendProperty(args as never, `take: ${pageSize}`);
      else edits.insert(call.end! - 1, `{ take: ${pageSize} }`);
      note(path);
      return;
    }
    const end = unboundedSelectEnd(call, ancestorsOf(path));
    if (end) {
      edits.insert(end.end!, `.range(0, ${pageSize - 1})`);
      note(path);
      return;
    }
    if (unboundedSqlText(call)) {
      const first = call.arguments[0] as StringLiteral | TemplateLiteral;
      if (first.type === 'StringLiteral') edits.insert(first.start! + 1 + limitOffset(file.source.slice(first.start! + 1, first.end! - 1)), ` LIMIT ${pageSize}`);
      else limitTemplate(first);
      note(path);
    }
  });

  root.find(j.TaggedTemplateExpression).forEach((path: ASTPath<TaggedTemplateExpression>) => {
    if (!unboundedSqlText(path.node as unknown as Node)) return;
    limitTemplate((path.node as unknown as { quasi: TemplateLiteral }).quasi);
    note(path);
  });

  return edits.changed ? edits.apply() : undefined;
}
