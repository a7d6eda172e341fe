import type { CallExpression, Function, Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { looksLikeSql, rawSqlApi, splicedParts, type RawSqlApi } from '../analysis/sql-text.ts';
import { isPropertyAfterDot } from '../engine/ast.ts';
import { screened } from '../engine/needles.ts';

const UNSAFE_RAW_TEXT = screened(/\$(query|execute)RawUnsafe|\.unsafe\(|\.raw\(/);
const QUERY_CALL_TEXT = screened(/\.(query|execute)\(/);
const STRING_BUILDING_TEXT = screened(/\$\{|['"`]\s*\+|\+\s*['"`]/);
const FILTER_TEMPLATE_TEXT = screened(/\.(or|filter)\(\s*`/);

const ADVICE: Record<RawSqlApi, string> = {
  prisma: 'use the tagged `$queryRaw`/`$executeRaw` template, which sends values as parameters',
  driver: "pass the values separately: `query('… $1', [value])`",
  'postgres.js': 'use the tagged `sql` template instead of `sql.unsafe`',
  drizzle: 'use the tagged `sql` template instead of `sql.raw`',
  knex: "pass the values as bindings: `raw('… ?', [value])`",
  'postgrest-filter': 'build the filter from values you have checked, or use `.eq()`/`.ilike()` with the value as an argument',
};

/** Array methods that change the array they are called on. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin', 'reverse', 'sort', 'pop', 'shift']);

/** The names a declaration or parameter pattern binds: `x`, `{ a, b: c }`, `[d, ...e]`, `f = 1`. */
function boundNames(pattern: Node | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) =>
        boundNames(property.type === 'RestElement' ? property.argument : (property.value as Node)),
      );
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => boundNames(element));
    case 'AssignmentPattern':
      return boundNames(pattern.left);
    case 'RestElement':
      return boundNames(pattern.argument);
    case 'TSParameterProperty':
      return boundNames(pattern.parameter);
    default:
      return [];
  }
}

const isStringLiteral = (node: Node | null | undefined) =>
  node?.type === 'StringLiteral' || node?.type === 'NumericLiteral' || (node?.type === 'TemplateLiteral' && node.expressions.length === 0);

/** `['jan', 'feb']` or `{ asc: 'ASC', desc: 'DESC' }`: a table of literals, whatever indexes it picks one of them (or nothing). */
function isLiteralTable(node: Node | null | undefined): boolean {
  if (node?.type === 'ArrayExpression') return node.elements.every((element) => isStringLiteral(element));
  if (node?.type === 'ObjectExpression')
    return node.properties.every((property) => property.type === 'ObjectProperty' && !property.computed && isStringLiteral(property.value));
  return false;
}

export default defineCheck({
  meta: {
    id: 'raw-sql-interpolation',
    title: 'Values spliced into SQL text',
    severity: 'critical',
    category: 'data-access',
    messages: {
      splicedSql: 'SQL is built by splicing in values: {{advice}}.',
      splicedFilter: 'A PostgREST filter is built by splicing in values: {{advice}}.',
    },
    docs: "A value spliced into SQL text becomes SQL: a request that sends `' OR '1'='1` reads every row, and worse payloads change or drop data. Send values as parameters (a tagged template, or placeholders with a values array) so the database never parses them as SQL.",
    // A raw-text API, and text built from pieces (a template with `${}` or a `+` next to a string).
    prefilter: (text) =>
      UNSAFE_RAW_TEXT.test(text) || (QUERY_CALL_TEXT.test(text) && STRING_BUILDING_TEXT.test(text)) || FILTER_TEMPLATE_TEXT.test(text),
    fix: 'parameterize-raw-sql',
    finds:
      "values spliced (template literal or `+`) into SQL text: Prisma `$queryRawUnsafe`/`$executeRawUnsafe`, `query()`/`execute()` of pg and mysql2, postgres.js `sql.unsafe`, knex `raw`, drizzle `sql.raw`, and supabase-js `.or()`/`.filter()` strings; also through a `const` holding the text. Tagged templates and placeholders with values don't count, nor does a value that can only be one of a fixed set of literals, whatever the request sends: a literal, a `const` holding one, a literal-only ternary (`desc ? 'DESC' : 'ASC'`), or an entry of a `const` array or object of literals that the module never changes or hands on (`MONTHS[+req.body.month - 1]`, `SORTS[req.query.sort]`)",
    sources: [
      { title: 'Prisma: raw queries', url: 'https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries' },
      { title: 'node-postgres: parameterized queries', url: 'https://node-postgres.com/features/queries#parameterized-query' },
      {
        title: 'OWASP: SQL Injection Prevention Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
      },
    ],
  },
  check(ctx) {
    const templates = new Map<string, Node>();
    /** Names bound once in the module by a `const` with a value, and names bound any other way or more than once. */
    const constants = new Map<string, Node>();
    const rebound = new Set<string>();
    /** Names read other than by indexing them (`f(names)`, `names.push(x)`, `names[i] = x`): a table that may change. */
    const escaped = new Set<string>();
    const spliced: Array<{ call: CallExpression; api: RawSqlApi; values: Node[] }> = [];
    const bind = (names: string[], value: Node | null) => {
      for (const name of names) {
        if (value && !constants.has(name) && !rebound.has(name)) constants.set(name, value);
        else {
          constants.delete(name);
          rebound.add(name);
        }
      }
    };
    const bindParameters = (fn: Function) => bind(fn.params.flatMap(boundNames), null);
    /** A value that is one of a fixed set of literals, whatever the request sends: never SQL from outside. */
    const fromConstantSet = (value: Node, seen: Set<string> = new Set()): boolean => {
      if (isStringLiteral(value)) return true;
      if (value.type === 'ConditionalExpression') return fromConstantSet(value.consequent, seen) && fromConstantSet(value.alternate, seen);
      if (value.type === 'Identifier') {
        const init = constants.get(value.name);
        if (!init || seen.has(value.name)) return false;
        seen.add(value.name);
        return fromConstantSet(init, seen);
      }
      if (value.type === 'MemberExpression') {
        const table = value.object;
        if (isLiteralTable(table)) return true;
        return table.type === 'Identifier' && !escaped.has(table.name) && isLiteralTable(constants.get(table.name));
      }
      return false;
    };
    return {
      VariableDeclarator(declarator, ancestors) {
        if (declarator.id.type === 'Identifier' && declarator.init) templates.set(declarator.id.name, declarator.init);
        const declaration = ancestors.at(-1);
        const isConst = declaration?.type === 'VariableDeclaration' && declaration.kind === 'const';
        bind(boundNames(declarator.id), isConst && declarator.id.type === 'Identifier' ? (declarator.init ?? null) : null);
      },
      FunctionDeclaration: bindParameters,
      FunctionExpression: bindParameters,
      ArrowFunctionExpression: bindParameters,
      ObjectMethod: bindParameters,
      ClassMethod: bindParameters,
      ClassPrivateMethod: bindParameters,
      ImportDeclaration(node) {
        bind(
          node.specifiers.map((specifier) => specifier.local.name),
          null,
        );
      },
      CatchClause(node) {
        bind(boundNames(node.param), null);
      },
      Identifier(node, ancestors) {
        const parent = ancestors.at(-1);
        if (parent?.type === 'MemberExpression' && parent.object === node) {
          const target = ancestors.at(-2);
          const written =
            (target?.type === 'AssignmentExpression' && target.left === parent) ||
            (target?.type === 'UpdateExpression' && target.argument === parent);
          const mutated = !parent.computed && parent.property.type === 'Identifier' && MUTATORS.has(parent.property.name);
          if (written || mutated) escaped.add(node.name);
          return;
        }
        if (isPropertyAfterDot(node, parent)) return;
        if (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed) return;
        if (parent?.type === 'VariableDeclarator' && parent.id === node) return;
        if (parent?.type === 'AssignmentExpression' && parent.left === node) bind([node.name], null);
        escaped.add(node.name);
      },
      CallExpression(call) {
        const api = rawSqlApi(call.callee);
        if (!api) return;
        const first = call.arguments[0];
        const text = first?.type === 'Identifier' ? templates.get(first.name) : first;
        const parts = splicedParts(text);
        if (!parts) return;
        if ((api === 'driver' || api === 'knex') && !looksLikeSql(parts)) return;
        if (
          api === 'postgrest-filter' &&
          !parts.some((part) => 'text' in part && /\.(eq|neq|gt|gte|lt|lte|like|ilike|is|in|cs|cd)\./.test(part.text))
        )
          return;
        spliced.push({ call, api, values: parts.flatMap((part) => ('value' in part ? [part.value] : [])) });
      },
      'Program:exit'() {
        for (const { call, api, values } of spliced) {
          if (values.every((value) => fromConstantSet(value))) continue;
          ctx.report({
            node: call,
            messageId: api === 'postgrest-filter' ? 'splicedFilter' : 'splicedSql',
            data: { api, advice: ADVICE[api] },
          });
        }
      },
    };
  },
});
