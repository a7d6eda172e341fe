import type { API, ASTPath, CallExpression, FileInfo } from 'jscodeshift';
import type { Expression } from '@babel/types';
import { addTodo, templateRaw, sourceTree } from '../src/engine/codemod.ts';
import { printSource } from '../src/engine/print-style.ts';
import { looksLikeSql, planParameters, rawSqlApi, splicedParts, type SqlPart } from '../src/analysis/sql-text.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import { meta } from './meta/parameterize-raw-sql.ts';
export { meta };

export const parser = 'tsx';

export default function parameterizeRawSql(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const usesMysql = /from\s+['"]mysql2?(\/promise)?['"]|require\(\s*['"]mysql2?(\/promise)?['"]\s*\)/.test(file.source);
  const style = options.placeholders === 'question' || (options.placeholders !== 'dollar' && usesMysql) ? 'question' : 'dollar';
  let changed = false;

  const valueOf = (parameter: SqlPart[]) => {
    if (parameter.length === 1 && 'value' in parameter[0]!) return parameter[0].value as never;
    const texts: string[] = [''];
    const values: Expression[] = [];
    for (const piece of parameter) {
      if ('text' in piece) texts[texts.length - 1] += piece.text;
      else {
        values.push(piece.value);
        texts.push('');
      }
    }
    return j.templateLiteral(
      texts.map((text, index) => j.templateElement({ raw: templateRaw(text), cooked: text }, index === texts.length - 1)),
      values as never[],
    );
  };

  root.find(j.CallExpression).forEach((path: ASTPath<CallExpression>) => {
    const call = path.node;
    const kind = rawSqlApi(call.callee as never);
    if (!kind) return;
    const parts = splicedParts(call.arguments[0] as never);
    if (!parts) return;
    if ((kind === 'driver' || kind === 'knex') && !looksLikeSql(parts)) return;
    if (kind === 'postgrest-filter') {
      if (addTodo(j, path, 'this PostgREST filter splices in values: check them, or use .eq()/.ilike() with the value as an argument'))
        changed = true;
      return;
    }
    const plan = planParameters(parts);
    if ('reason' in plan) {
      if (addTodo(j, path, plan.reason)) changed = true;
      return;
    }
    // pg's callback form, `query(text, (err, res) => …)`: the values go before the callback.
    const [, callback, ...rest] = call.arguments;
    const isCallback =
      callback && (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression') && rest.length === 0;
    if (call.arguments.length !== 1 && !(kind === 'driver' && isCallback)) {
      if (addTodo(j, path, 'SQL with spliced values and separate parameters: move the spliced values into the parameters')) changed = true;
      return;
    }
    const values = plan.parameters.map(valueOf);
    const callee = call.callee as unknown as { object: never; property: { name: string } };

    if (kind === 'prisma' || kind === 'postgres.js' || kind === 'drizzle') {
      const quasi = j.templateLiteral(
        plan.chunks.map((chunk, index) => j.templateElement({ raw: templateRaw(chunk), cooked: chunk }, index === plan.chunks.length - 1)),
        values,
      );
      const tag =
        kind === 'prisma' ? j.memberExpression(callee.object, j.identifier(callee.property.name.replace('Unsafe', ''))) : callee.object;
      path.replace(j.taggedTemplateExpression(tag, quasi));
      changed = true;
      return;
    }

    const placeholder = (index: number) => (kind === 'knex' || style === 'question' ? '?' : `$${index + 1}`);
    const sql = plan.chunks.map((chunk, index) => (index < plan.parameters.length ? `${chunk}${placeholder(index)}` : chunk)).join('');
    const text = sql.includes('\n')
      ? j.templateLiteral([j.templateElement({ raw: templateRaw(sql), cooked: sql }, true)], [])
      : j.stringLiteral(sql);
    call.arguments = isCallback ? [text, j.arrayExpression(values), callback] : [text, j.arrayExpression(values)];
    changed = true;
  });

  return changed ? printSource(root, file.source, file.path) : undefined;
}
