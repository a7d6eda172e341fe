import type { API, ASTPath, CallExpression, FileInfo, TaggedTemplateExpression } from 'jscodeshift';
import type {
  CallExpression as BabelCall,
  MemberExpression,
  Node,
  ObjectExpression,
  ObjectProperty,
  StringLiteral,
  TemplateLiteral,
} from '@babel/types';
import { TextEdits, ancestorsOf, sourceTree, statementStart } from '../src/engine/codemod.ts';
import { memberName, propertyName } from '../src/engine/ast.ts';
import {
  ancestorsAbove,
  countableFindMany,
  isUnboundedFindMany,
  queryFilters,
  rowFlow,
  sqlColumnList,
  sqlPaging,
  unboundedSelectEnd,
  unboundedSqlText,
  type QueryShape,
  type RowFlow,
} from '../src/analysis/list-queries.ts';
import { printOptions } from '../src/engine/print-style.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import { meta } from './meta/bound-list-query.ts';
export { meta };

export const parser = 'tsx';

const TODO = 'return one page at a time: let the caller pass a cursor or page number';

/** Where ` LIMIT n` goes in a piece of SQL text: before a closing `;` and trailing whitespace. */
function limitOffset(text: string): number {
  return text.length - /\s*;?\s*$/.exec(text)![0].length;
}

/** The literal text spans of a query's SQL argument, as written: one string, or a template's chunks. */
function sqlChunks(node: StringLiteral | TemplateLiteral, source: string): Array<{ start: number; text: string }> {
  if (node.type === 'StringLiteral') return [{ start: node.start! + 1, text: source.slice(node.start! + 1, node.end! - 1) }];
  return node.quasis.map((quasi) => ({ start: quasi.start!, text: quasi.value.raw }));
}

export default function boundListQuery(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const edits = new TextEdits(file.source, file.path);
  const source = file.source;
  const pageSize = Number(options.pageSize ?? 100);
  const keys = JSON.parse(typeof options.primaryKeys === 'string' ? options.primaryKeys : '{}') as Record<string, string[]>;
  /** The primary key of the table a query reads, or null when the schema does not say. */
  const keyOf = (query: Node, shape: QueryShape, ancestors: readonly Node[], end?: BabelCall): string[] | null => {
    const target = queryFilters(query, shape, ancestors, end).target;
    return (target && keys[`${shape === 'prisma' ? 'prisma' : 'table'}:${target}`]) || null;
  };
  const sqlName = (column: string) => (/^[a-z_][a-z0-9_]*$/.test(column) ? column : `"${column.replace(/"/g, '""')}"`);
  const quote = printOptions(source).quote === 'double' ? '"' : "'";
  const usesMysql = /from\s+['"]mysql2?(\/promise)?['"]|require\(\s*['"]mysql2?(\/promise)?['"]\s*\)/.test(source);
  const note = (path: ASTPath) => {
    const start = statementStart(j, path);
    if (start !== null) edits.todoAbove(start, TODO);
  };
  const text = (node: Node) => source.slice(node.start!, node.end!);
  /** `rows.length` becomes what the count query now answers. */
  // `rows.length` becomes the count; `result.data.length`, where supabase-js's result is not destructured, becomes `result.count`.
  const replaceLengths = (flow: Extract<RowFlow, { kind: 'count' }>, suffix = '', dataHoldsCount = false) => {
    for (const length of flow.lengths) {
      const rows = length.object;
      const fromData = dataHoldsCount && /MemberExpression$/.test(rows.type) && memberName(rows) === 'data';
      const counted = fromData ? `${text((rows as MemberExpression).object)}.count` : `${text(rows)}${suffix}`;
      edits.replace(length.start!, length.end!, counted);
    }
  };

  const boundSql = (path: ASTPath, sql: StringLiteral | TemplateLiteral, flow: RowFlow) => {
    const chunks = sqlChunks(sql, source);
    const whole = chunks.map((chunk) => chunk.text).join(' $ ');
    if (flow.kind === 'response') {
      const paging = sqlPaging(whole);
      if (!paging) return;
      const key = paging.orderBy ? keyOf(path.node as unknown as Node, 'sql', ancestorsOf(path)) : null;
      if (paging.orderBy && !key) return;
      const last = chunks[chunks.length - 1]!;
      const order = key ? ` ORDER BY ${key.map(sqlName).join(', ')}` : '';
      edits.insert(last.start + limitOffset(last.text), `${order} LIMIT ${pageSize}`);
      note(path);
    } else if (flow.kind === 'count' && flow.exact) {
      const first = chunks[0]!;
      const columns = sqlColumnList(first.text);
      if (!columns || !/\bfrom\b/i.test(first.text)) return;
      edits.replace(first.start + columns.start, first.start + columns.end, usesMysql ? 'count(*) AS count' : 'count(*)::int AS count');
      replaceLengths(flow, '[0].count');
    }
  };

  root.find(j.CallExpression).forEach((path: ASTPath<CallExpression>) => {
    const call = path.node as unknown as BabelCall;
    if (isUnboundedFindMany(call)) {
      const flow = rowFlow(call, ancestorsOf(path));
      const [args] = call.arguments as [ObjectExpression | undefined];
      if (flow.kind === 'response') {
        const ordered = args?.properties.some((p) => p.type === 'ObjectProperty' && propertyName(p) === 'orderBy');
        const key = ordered ? null : keyOf(call, 'prisma', ancestorsOf(path));
        if (!ordered && !key) return;
        const asc = (field: string) => `{ ${field}: ${quote}asc${quote} }`;
        const orderBy = key ? [`orderBy: ${key.length === 1 ? asc(key[0]!) : `[${key.map(asc).join(', ')}]`}`] : [];
        const additions = [...orderBy, `take: ${pageSize}`];
        if (args) for (const addition of additions) edits.appendProperty(args as never, addition);
        else edits.insert(call.end! - 1, `{ ${additions.join(', ')} }`);
        note(path);
      } else if (flow.kind === 'count' && flow.exact) {
        if (!countableFindMany(call)) return;
        const keys = (args?.properties ?? []).map((p) => (p.type === 'ObjectProperty' ? propertyName(p) : null));
        const property = (call.callee as { property: Node }).property;
        edits.replace(property.start!, property.end!, 'count');
        const where = args?.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === 'where');
        if (args && keys.some((key) => key !== 'where'))
          edits.replace(args.start!, args.end!, where ? `{ where: ${text(where.value)} }` : '');
        replaceLengths(flow);
      }
      return;
    }
    const end = unboundedSelectEnd(call, ancestorsOf(path));
    if (end) {
      const flow = rowFlow(end, ancestorsAbove(end, ancestorsOf(path)));
      if (flow.kind === 'response') {
        let ordered = false;
        for (let link: Node = end; link !== call && link.type === 'CallExpression'; link = (link.callee as { object: Node }).object) {
          if (memberName(link.callee) === 'order') ordered = true;
        }
        const key = ordered ? null : keyOf(call, 'supabase', ancestorsOf(path), end);
        if (!ordered && !key) return;
        // A chain written one call per line gets its new calls on lines of their own.
        const lastDot = source.lastIndexOf('.', (end.callee as { property: Node }).property.start!);
        const lineBreak = /\n([ \t]*)$/.exec(source.slice(0, lastDot));
        const joint = lineBreak ? `\n${lineBreak[1]}` : '';
        const order = (key ?? []).map((column) => `${joint}.order(${quote}${column}${quote})`).join('');
        edits.insert(end.end!, `${order}${joint}.range(0, ${pageSize - 1})`);
        note(path);
      } else if (flow.kind === 'count' && flow.exact && call.arguments.length <= 1) {
        const [columns] = call.arguments;
        const head = `{ count: ${quote}exact${quote}, head: true }`;
        if (columns) edits.insert(columns.end!, `, ${head}`);
        else edits.insert(call.end! - 1, `${quote}*${quote}, ${head}`);
        for (const key of flow.dataKeys) {
          if (key.shorthand) edits.replace(key.start!, key.end!, `count: ${text(key.value)}`);
          else edits.replace(key.key.start!, key.key.end!, 'count');
        }
        replaceLengths(flow, '', true);
      }
      return;
    }
    if (unboundedSqlText(call)) boundSql(path, call.arguments[0] as StringLiteral | TemplateLiteral, rowFlow(call, ancestorsOf(path)));
  });

  root.find(j.TaggedTemplateExpression).forEach((path: ASTPath<TaggedTemplateExpression>) => {
    if (!unboundedSqlText(path.node as unknown as Node)) return;
    boundSql(path, (path.node as unknown as { quasi: TemplateLiteral }).quasi, rowFlow(path.node as unknown as Node, ancestorsOf(path)));
  });

  return edits.changed ? edits.apply() : undefined;
}
