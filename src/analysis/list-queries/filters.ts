import type {
  CallExpression,
  Identifier,
  MemberExpression,
  Node,
  ObjectExpression,
  ObjectProperty,
  TaggedTemplateExpression,
} from '@babel/types';
import { enclosingFunction, memberName, propertyName } from '../../engine/ast.ts';
import { walk } from '../../engine/walk.ts';
import { objectKeys, unboundedSqlText } from './unbounded.ts';
import { type QueryShape, WRAPPERS } from './row-uses.ts';
import { ORDERED_SQL, UNPAGEABLE_SQL } from './paging.ts';

/**
 * What a list query's filters say about how many rows it can return, for the check to weigh with
 * the schema: the columns it compares for equality (a unique key among them means one row), and
 * whether it is scoped to the signed-in user's own rows or to a window closed on both ends.
 */
export interface QueryFilters {
  /** The supabase-js or SQL table, or the Prisma model accessor (`prisma.stockCategory` → `stockCategory`). */
  target: string | null;
  /** Columns (supabase-js, SQL) or fields (Prisma) compared with `=` and ANDed together. */
  equalities: string[];
  /** A column compared with the signed-in user's id: that user's own rows. */
  ownedBySignedInUser: boolean;
  /** A column bounded below and above (`gte` and `lt`, `>=` and `<`, `BETWEEN`): a date window, say. */
  windowed: boolean;
  /** The query orders its rows already, so a page needs no key. */
  ordered: boolean;
  /** Anything at all narrows the rows (a `where`, a filter call, a WHERE clause): false only for the whole table. */
  filtered: boolean;
  /**
   * The ways a row can pass the filter, each with the equalities that must all hold for it: an OR
   * gives one alternative per branch. Scoped to one user when every alternative compares an owner column.
   */
  alternatives: Equality[][];
}

/** A column compared for equality with a value: the value's own name (`req.query.nikname` → `nikname`), null for an expression without one, `constant` for a literal. */
export interface Equality {
  column: string;
  value: string | null;
  constant: boolean;
}

/** Past this many alternatives an AND of ORs is not worth expanding: the query counts as unscoped. */
export const MAX_ALTERNATIVES = 32;

export function allOf(parts: Equality[][][]): Equality[][] {
  let result: Equality[][] = [[]];
  for (const part of parts) {
    result = result.flatMap((left) => part.map((right) => [...left, ...right]));
    if (result.length > MAX_ALTERNATIVES) return [[]];
  }
  return result;
}

export function valueEquality(column: string, value: Node): Equality {
  const node = unwrap(value) ?? value;
  if (/Literal$/.test(node.type) && node.type !== 'TemplateLiteral') return { column, value: null, constant: true };
  const name =
    node.type === 'Identifier'
      ? node.name
      : node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression'
        ? memberName(node)
        : null;
  return { column, value: name ?? null, constant: false };
}

/** Calls whose result is the signed-in user or their session: `getAuthUser()`, `auth()`, `supabase.auth.getUser()`, `getServerSession()`. */
export const SIGNED_IN_CALL =
  /^(auth|getAuth|currentUser|getCurrentUser|getUser|getAuthUser|getAuthedUser|getSessionUser|getServerSession|getSession|requireUser|requireAuth|validateRequest|getLoggedInUser|getSignedInUser)$/;

export function calleeName(node: Node): string | null {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return null;
  return node.callee.type === 'Identifier' ? node.callee.name : memberName(node.callee);
}

export function unwrap(node: Node | null | undefined): Node | null {
  let current = node ?? null;
  while (current && WRAPPERS.has(current.type))
    current = (current as { expression?: Node; argument?: Node }).expression ?? (current as { argument: Node }).argument;
  return current;
}

/** Whether a pattern binds `name`: `user`, `{ user }`, `{ data: { user } }`, `{ userId }`. */
export function patternBinds(pattern: Node, name: string): boolean {
  if (pattern.type === 'Identifier') return pattern.name === name;
  if (pattern.type === 'ObjectPattern')
    return pattern.properties.some((p) => (p.type === 'ObjectProperty' ? patternBinds(p.value as Node, name) : false));
  if (pattern.type === 'AssignmentPattern') return patternBinds(pattern.left, name);
  return false;
}

/** Whether `value` is the signed-in user's id: `user.id`, `session.user.id`, `userId` from `auth()`, bound in the query's own function. */
export function isSignedInUserId(value: Node, ancestors: readonly Node[]): boolean {
  let root: Node = value;
  let path = '';
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression') {
    const name = memberName(root);
    if (!name) return false;
    path = `.${name}${path}`;
    root = root.object;
  }
  if (root.type !== 'Identifier') return false;
  if (!/^(\.id|\.userId|\.sub|\.user\.id)$/.test(path) && !(path === '' && /^(userId|user_id|uid)$/.test(root.name))) return false;
  const scope = enclosingFunction(ancestors);
  if (!scope) return false;
  let signedIn = false;
  walk(
    scope,
    new Map([
      [
        'VariableDeclarator',
        [
          (node: Node) => {
            if (node.type !== 'VariableDeclarator' || !patternBinds(node.id, (root as Identifier).name)) return;
            const init = unwrap(node.init);
            const name = init && calleeName(init);
            if (name && SIGNED_IN_CALL.test(name)) signedIn = true;
          },
        ],
      ],
    ]),
  );
  return signedIn;
}

/** A column that names a calendar period (`order_month`, `year`, `day`): equal to one value, it is a window closed on both ends. */
export const PERIOD_COLUMN = /(^|_)(year|month|week|day)$|^(year|month|week|day)[A-Z_]|[a-z](Year|Month|Week|Day)$/;

export const EMPTY_FILTERS: QueryFilters = {
  target: null,
  equalities: [],
  ownedBySignedInUser: false,
  windowed: false,
  ordered: false,
  filtered: true,
  alternatives: [],
};

/** The filters of a Prisma `findMany`: `where: { userId: user.id, date: { gte, lt } }`. */
export function prismaFilters(call: CallExpression, ancestors: readonly Node[]): QueryFilters {
  const model = (call.callee as MemberExpression).object;
  const target = model.type === 'MemberExpression' ? memberName(model) : null;
  const [args] = call.arguments;
  const filters: QueryFilters = { ...EMPTY_FILTERS, target, equalities: [], filtered: args !== undefined };
  if (args?.type !== 'ObjectExpression') return filters;
  filters.ordered = objectKeys(args).includes('orderBy');
  // Arguments a spread may fill could hold a `where`.
  filters.filtered = args.properties.some((p) => p.type !== 'ObjectProperty' || propertyName(p) === 'where' || propertyName(p) === null);
  const where = args.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === 'where');
  if (where?.value.type !== 'ObjectExpression') return filters;
  filters.alternatives = prismaAlternatives(where.value);
  for (const property of where.value.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const field = propertyName(property);
    if (!field || /^(AND|OR|NOT)$/.test(field)) continue;
    const value = property.value;
    if (value.type === 'ObjectExpression') {
      const operators = objectKeys(value);
      if (operators.some((o) => o === 'gte' || o === 'gt') && operators.some((o) => o === 'lte' || o === 'lt')) filters.windowed = true;
      if (operators.includes('equals')) filters.equalities.push(field);
      continue;
    }
    filters.equalities.push(field);
    if (isSignedInUserId(value, ancestors)) filters.ownedBySignedInUser = true;
  }
  return filters;
}

/** The alternatives of a Prisma `where`: its fields ANDed, `OR: [...]` one alternative per branch, `AND: [...]` all of them. */
export function prismaAlternatives(where: ObjectExpression): Equality[][] {
  const parts: Equality[][][] = [];
  for (const property of where.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const field = propertyName(property);
    const value = property.value;
    if (!field || field === 'NOT') continue;
    if (field === 'OR' || field === 'AND') {
      const branches =
        value.type === 'ArrayExpression'
          ? value.elements.filter((e): e is ObjectExpression => e?.type === 'ObjectExpression').map(prismaAlternatives)
          : [];
      if (field === 'AND') parts.push(allOf(branches));
      else if (value.type === 'ArrayExpression' && branches.length === value.elements.length) parts.push(branches.flat());
      continue;
    }
    if (value.type === 'ObjectExpression') {
      const equals = value.properties.find((p): p is ObjectProperty => p.type === 'ObjectProperty' && propertyName(p) === 'equals');
      if (equals) parts.push([[valueEquality(field, equals.value)]]);
      continue;
    }
    parts.push([[valueEquality(field, value)]]);
  }
  return allOf(parts);
}

/** The filters of a supabase-js chain from `.from(t).select()` (`call`) to its last filter (`end`). */
export function supabaseFilters(call: CallExpression, end: CallExpression, ancestors: readonly Node[]): QueryFilters {
  const from = (call.callee as MemberExpression).object as CallExpression;
  const [table] = from.arguments;
  const filters: QueryFilters = { ...EMPTY_FILTERS, target: table?.type === 'StringLiteral' ? table.value : null, equalities: [] };
  // Every call after `select` but `order` narrows the rows, or may: `.eq`, `.in`, `.or`, `.filter`, `.match`…
  let filtered = false;
  const lower = new Set<string>();
  const upper = new Set<string>();
  const equalities: Equality[] = [];
  for (let link: Node = end; link !== call && link.type === 'CallExpression'; link = (link.callee as MemberExpression).object) {
    const method = memberName(link.callee);
    const [column, value] = link.arguments;
    if (method === 'order') filters.ordered = true;
    else filtered = true;
    if (column?.type !== 'StringLiteral') continue;
    if (method === 'eq') {
      filters.equalities.push(column.value);
      if (value) equalities.push(valueEquality(column.value, value));
      if (value && isSignedInUserId(value, ancestors)) filters.ownedBySignedInUser = true;
    }
    if (method === 'gte' || method === 'gt') lower.add(column.value);
    if (method === 'lte' || method === 'lt') upper.add(column.value);
  }
  filters.windowed = [...lower].some((column) => upper.has(column));
  filters.alternatives = [equalities];
  filters.filtered = filtered;
  return filters;
}

export const IDENTIFIER = String.raw`"?([A-Za-z_][\w$]*)"?`;
/** A placeholder or spliced value: `$1`, `?`, `:name`, or the ` $ ` a template's `${…}` reads as here. */
export const PARAMETER = String.raw`(?:\$\d*|\?|:\w+)`;

/**
 * `created_at >= now() - interval '14 days'`: a window that moves with the clock, which closes its
 * other end. (`<= now() - …` is the opposite: every row older than that.)
 */
const ROLLING_WINDOW = />=?\s*(?:now\s*\(\s*\)|current_timestamp|current_date|localtimestamp)\s*-\s*/i;

export const WHERE_CLAUSE = /\bwhere\b([\s\S]*?)(?:\border\s+by\b|\bgroup\s+by\b|\blimit\b|$)/i;

/** The values a query's placeholders stand for: `numbered` for `$1, $2` (`query(text, [a, b])`), `spliced` for a template's `${…}` in order. */
export function sqlValues(query: Node): { numbered: Node[]; spliced: Node[] } {
  if (query.type === 'TaggedTemplateExpression')
    return { numbered: [], spliced: (query as TaggedTemplateExpression).quasi.expressions as Node[] };
  if (query.type !== 'CallExpression') return { numbered: [], spliced: [] };
  const [first, second] = query.arguments;
  return {
    numbered: second?.type === 'ArrayExpression' ? (second.elements.filter((e) => e !== null) as Node[]) : [],
    spliced: first?.type === 'TemplateLiteral' ? (first.expressions as Node[]) : [],
  };
}

/** `text` split at `word` (`and`, `or`) where it stands outside parentheses and quotes. */
export function splitTopLevel(text: string, word: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (const token of text.matchAll(new RegExp(String.raw`\(|\)|'(?:[^']|'')*'|\b${word}\b`, 'gi'))) {
    if (token[0] === '(') depth++;
    else if (token[0] === ')') depth--;
    else if (depth === 0 && !token[0].startsWith("'")) {
      parts.push(text.slice(start, token.index));
      start = token.index! + token[0].length;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Where the parenthesis that opens `text` closes. */
export function closingParenthesis(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

export function withoutOuterParentheses(text: string): string {
  let current = text.trim();
  while (current.startsWith('(') && closingParenthesis(current) === current.length - 1) current = current.slice(1, -1).trim();
  return current;
}

/** The alternatives of a WHERE clause whose placeholders read `:n<index>` (numbered) or `:s<index>` (spliced): OR splits them, AND combines them. */
export function sqlAlternatives(condition: string, values: { numbered: Node[]; spliced: Node[] }): Equality[][] {
  const text = withoutOuterParentheses(condition);
  const branches = splitTopLevel(text, 'or');
  if (branches.length > 1) return branches.flatMap((branch) => sqlAlternatives(branch, values));
  const conjuncts = splitTopLevel(text, 'and');
  if (conjuncts.length > 1) return allOf(conjuncts.map((conjunct) => sqlAlternatives(conjunct, values)));
  const equality = new RegExp(String.raw`^(?:"?[\w$]+"?\.)?${IDENTIFIER}\s*=\s*:([ns])(\d+)$`).exec(text);
  if (!equality) return [[]];
  const value = (equality[2] === 'n' ? values.numbered : values.spliced)[Number(equality[3])];
  return [[value ? valueEquality(equality[1]!, value) : { column: equality[1]!, value: null, constant: false }]];
}

/** The WHERE clause of a query with each placeholder numbered by the value it stands for. */
export function numberedWhere(text: string): string {
  let spliced = 0;
  let positional = 0;
  const numbered = text.replace(/\$(\d+)|\$|\?/g, (placeholder: string, digits: string | undefined) =>
    digits ? `:n${Number(digits) - 1}` : placeholder === '?' ? `:n${positional++}` : `:s${spliced++}`,
  );
  return WHERE_CLAUSE.exec(numbered)?.[1] ?? '';
}

/** The filters of a SELECT's text: one table, its `col = $1` comparisons when only ANDed, and windows. */
export function sqlFilters(text: string, query: Node): QueryFilters {
  const table = new RegExp(String.raw`\bfrom\s+(?:"?[\w$]+"?\.)?${IDENTIFIER}`, 'i').exec(text);
  const filters: QueryFilters = { ...EMPTY_FILTERS, target: table ? table[1]! : null, equalities: [], ordered: ORDERED_SQL.test(text) };
  const where = WHERE_CLAUSE.exec(text)?.[1] ?? '';
  const hasWhere = where.trim() !== '';
  const unpageable = UNPAGEABLE_SQL.test(text);
  filters.filtered = hasWhere || unpageable;
  filters.windowed = ROLLING_WINDOW.test(where);
  filters.alternatives = hasWhere ? sqlAlternatives(numberedWhere(text), sqlValues(query)) : [];
  if (/\bor\b/i.test(where) || unpageable) return filters;
  const qualified = String.raw`(?:"?[\w$]+"?\.)?${IDENTIFIER}`;
  for (const match of where.matchAll(new RegExp(String.raw`${qualified}\s*=\s*${PARAMETER}`, 'g'))) filters.equalities.push(match[1]!);
  const lower = new Set([...where.matchAll(new RegExp(String.raw`${qualified}\s*>=?\s*${PARAMETER}`, 'g'))].map((m) => m[1]!));
  const upper = [...where.matchAll(new RegExp(String.raw`${qualified}\s*<=?\s*${PARAMETER}`, 'g'))].map((m) => m[1]!);
  filters.windowed ||=
    upper.some((column) => lower.has(column)) || new RegExp(String.raw`\bbetween\s+${PARAMETER}\s+and\s+${PARAMETER}`, 'i').test(where);
  return filters;
}

/** What the filters of a list query say; `end` is a supabase-js chain's last call. */
export function queryFilters(query: Node, shape: QueryShape, ancestors: readonly Node[], end?: CallExpression): QueryFilters {
  const text = shape === 'sql' ? unboundedSqlText(query, ancestors) : null;
  const filters =
    shape === 'prisma'
      ? prismaFilters(query as CallExpression, ancestors)
      : shape === 'supabase'
        ? supabaseFilters(query as CallExpression, end ?? (query as CallExpression), ancestors)
        : text === null
          ? EMPTY_FILTERS
          : sqlFilters(text, query);
  return filters.equalities.some((column) => PERIOD_COLUMN.test(column)) ? { ...filters, windowed: true } : filters;
}
