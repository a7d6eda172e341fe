import type { API, ASTPath, CallExpression, FileInfo, StringLiteral, TaggedTemplateExpression, TemplateLiteral } from 'jscodeshift';
import type { CallExpression as BabelCall, Node } from '@babel/types';
import { addTodo, ancestorsOf } from '../src/engine/codemod.ts';
import { isUnboundedFindMany, unboundedSelectEnd, unboundedSqlText } from '../src/engine/list-queries.ts';
import { printOptions } from '../src/engine/print-style.ts';
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

function withLimit(text: string, pageSize: number): string {
  return text.replace(/(\s*;?\s*)$/, (end) => ` LIMIT ${pageSize}${end}`);
}

function limitTemplate(template: TemplateLiteral, pageSize: number): void {
  const last = template.quasis[template.quasis.length - 1]!;
  const cooked = withLimit(last.value.cooked ?? last.value.raw, pageSize);
  last.value = { raw: withLimit(last.value.raw, pageSize), cooked };
}

export default function boundListQuery(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  const pageSize = Number(options.pageSize ?? 100);
  let changed = false;

  root.find(j.CallExpression).forEach((path: ASTPath<CallExpression>) => {
    const call = path.node as unknown as BabelCall;
    if (isUnboundedFindMany(call)) {
      const take = j.objectProperty(j.identifier('take'), j.numericLiteral(pageSize));
      const [args] = path.node.arguments;
      if (args?.type === 'ObjectExpression') args.properties.push(take);
      else path.node.arguments = [j.objectExpression([take])];
      addTodo(j, path, TODO);
      changed = true;
      return;
    }
    const end = unboundedSelectEnd(call, ancestorsOf(path));
    if (end) {
      addTodo(j, path, TODO);
      let endPath: ASTPath = path;
      while ((endPath.node as unknown as Node) !== end) endPath = endPath.parent as ASTPath;
      endPath.replace(j.callExpression(j.memberExpression(endPath.node as never, j.identifier('range')), [j.numericLiteral(0), j.numericLiteral(pageSize - 1)]));
      changed = true;
      return;
    }
    if (unboundedSqlText(call)) {
      const [first] = path.node.arguments;
      if (first?.type === 'StringLiteral') (first as StringLiteral).value = withLimit((first as StringLiteral).value, pageSize);
      else limitTemplate(first as TemplateLiteral, pageSize);
      addTodo(j, path, TODO);
      changed = true;
    }
  });

  root.find(j.TaggedTemplateExpression).forEach((path: ASTPath<TaggedTemplateExpression>) => {
    if (!unboundedSqlText(path.node as unknown as Node)) return;
    limitTemplate(path.node.quasi, pageSize);
    addTodo(j, path, TODO);
    changed = true;
  });

  return changed ? root.toSource(printOptions(file.source)) : undefined;
}
