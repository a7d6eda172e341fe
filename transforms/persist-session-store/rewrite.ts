import type { CallExpression, Expression, Function as BabelFunction, Node, Program, Statement, TSType } from '@babel/types';
import { enclosingFunction, exportsBinding, isPropertyAfterDot, memberName } from '../../src/engine/ast.ts';
import { TextEdits, insertImportLines } from '../../src/engine/codemod.ts';
import { moduleSpecifiers } from '../../src/analysis/module-specifier.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { forEachNode } from '../../src/engine/walk.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { requestHandlers } from '../../src/analysis/request-handlers.ts';
import { evaluate, topLevelConstants } from '../add-rate-limit/memory-store.ts';
import {
  awaitCall,
  callSites,
  importLines,
  introducingComment,
  removal,
  wholeLines,
  type CallSite,
} from '../add-rate-limit/replace-store.ts';

type Context = Pick<ProjectTransformContext, 'project' | 'changeset'>;

const METHODS = new Set(['set', 'get', 'has', 'delete']);
const EXPIRY_KEY = /^(expires|expiresAt|expireAt|expiry|expiration|exp|validUntil)$/;
/** Members a `Map` has that the store does not: what the TODO names when the code uses one. */
const WHY_NOT: Record<string, string> = {
  size: 'its size is read',
  clear: 'it is cleared',
  forEach: 'it is iterated',
  entries: 'it is iterated',
  keys: 'it is iterated',
  values: 'it is iterated',
};

interface StoreUse {
  method: 'set' | 'get' | 'has' | 'delete';
  call: CallExpression;
  /** What holds the call: the statement, the `if`, the member read off its result. */
  parent: Node | undefined;
  fn: BabelFunction;
  /** `setTimeout(() => map.delete(key), ms)`: the statement goes, since the store expires the value itself. */
  timer?: Statement;
}

/** A map whose every use the store can take over, and what each use becomes. */
export interface StorePlan {
  declaration: Statement;
  uses: StoreUse[];
  /** Functions that must become async, with how their callers are reached. */
  toAsync: Array<{ fn: BabelFunction; sites: CallSite[] }>;
  /** The map's value type as the code writes it (`{ code: string; expiresAt: number }`, `OtpEntry`), for `get<…>`. */
  valueType: string | null;
  typescript: boolean;
}

const isFunction = (node: Node | undefined): node is BabelFunction =>
  node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';

/** The type and interface declarations of the module, by name. */
function localTypes(program: Program): Map<string, Node> {
  const types = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if (declaration.type === 'TSTypeAliasDeclaration') types.set(declaration.id.name, declaration.typeAnnotation);
    if (declaration.type === 'TSInterfaceDeclaration' && !declaration.extends?.length) types.set(declaration.id.name, declaration.body);
  }
  return types;
}

/** Why a value type would not come back from JSON as it went in (a `Date` comes back a string), or null when it would. */
function typeProblem(node: Node, types: ReadonlyMap<string, Node>, depth = 0): string | null {
  if (depth > 6) return 'its value type nests too deep to follow';
  switch (node.type) {
    case 'TSStringKeyword':
    case 'TSNumberKeyword':
    case 'TSBooleanKeyword':
    case 'TSNullKeyword':
    case 'TSLiteralType':
      return null;
    case 'TSUnionType':
      for (const member of node.types) {
        if (member.type === 'TSUndefinedKeyword') continue;
        const problem = typeProblem(member, types, depth + 1);
        if (problem) return problem;
      }
      return null;
    case 'TSArrayType':
      return typeProblem(node.elementType, types, depth + 1);
    case 'TSParenthesizedType':
      return typeProblem(node.typeAnnotation, types, depth + 1);
    case 'TSTypeLiteral':
    case 'TSInterfaceBody': {
      const members = node.type === 'TSTypeLiteral' ? node.members : node.body;
      for (const member of members) {
        if (member.type !== 'TSPropertySignature' || !member.typeAnnotation) return 'its values hold methods';
        const problem = typeProblem(member.typeAnnotation.typeAnnotation, types, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    case 'TSTypeReference': {
      const name = node.typeName.type === 'Identifier' ? node.typeName.name : null;
      if (name === 'Array' && node.typeParameters?.params.length === 1)
        return typeProblem(node.typeParameters.params[0]!, types, depth + 1);
      const local = name ? types.get(name) : undefined;
      if (local) return typeProblem(local, types, depth + 1);
      return `its values hold a ${name ?? 'type'}, which JSON would not bring back as it was`;
    }
    default:
      return 'its value type is not one JSON keeps as it is';
  }
}

/** Why a written value would not come back from JSON as it went in, or null when it would (in a file without types). */
function valueProblem(node: Node, depth = 0): string | null {
  if (depth > 6) return 'its values nest too deep to follow';
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'TemplateLiteral':
    case 'BinaryExpression':
    case 'UnaryExpression':
      return null;
    case 'ObjectExpression':
      for (const property of node.properties) {
        if (property.type !== 'ObjectProperty' || property.computed) return 'its values are built with spreads or methods';
        if (property.shorthand) continue;
        const problem = valueProblem(property.value, depth + 1);
        if (problem) return problem;
      }
      return null;
    case 'ArrayExpression':
      for (const element of node.elements) {
        const problem =
          element && element.type !== 'SpreadElement' ? valueProblem(element, depth + 1) : 'its values are built with spreads';
        if (problem) return problem;
      }
      return null;
    // A name or a member holds whatever the code put there: a string, a number, a flag in the code seen so far.
    case 'Identifier':
    case 'MemberExpression':
      return depth === 0 ? 'what it holds is not written where it is set' : null;
    case 'CallExpression':
      return /^(String|Number|Boolean|Math\.\w+|crypto\.randomUUID|\w+\.toString|\w+\.toLowerCase|\w+\.trim)$/.test(calleeText(node))
        ? null
        : 'its values come from calls whose results shipshape cannot see';
    case 'NewExpression':
      return 'its values hold objects made with `new`, which JSON would not bring back as they were';
    default:
      return 'its values hold functions or values JSON would not keep';
  }
}

const isUndefined = (node: Node): boolean => node.type === 'Identifier' && node.name === 'undefined';

/**
 * Whether code tells a missing entry by `undefined` (`map.get(key) === undefined`, `typeof entry`, or
 * `entry !== undefined` on the `const` it was read into): `null` from the store would read otherwise.
 * Loose comparisons (`== null`) and truthiness read both alike.
 */
function comparedWithUndefined(call: Node, holder: Node | undefined, ancestors: readonly Node[]): boolean {
  const strictWith = (node: Node | undefined, operand: (side: Node) => boolean) =>
    node?.type === 'BinaryExpression' &&
    (node.operator === '===' || node.operator === '!==') &&
    ((operand(node.left) && isUndefined(node.right)) || (operand(node.right as Node) && isUndefined(node.left)));
  if (holder?.type === 'UnaryExpression' && holder.operator === 'typeof') return true;
  if (strictWith(holder, (side) => side === call)) return true;
  if (holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') return false;
  const name = holder.id.name;
  const fn = enclosingFunction(ancestors);
  let compared = false;
  if (fn)
    forEachNode(fn, (node) => {
      if (strictWith(node, (side) => side.type === 'Identifier' && side.name === name)) compared = true;
      if (
        node.type === 'UnaryExpression' &&
        node.operator === 'typeof' &&
        node.argument.type === 'Identifier' &&
        node.argument.name === name
      )
        compared = true;
    });
  return compared;
}

/** What a name set as the value was made from, where the function setting it declares it (`const otp = String(…)`). */
function localValue(value: Node, ancestors: readonly Node[]): Node {
  const fn = enclosingFunction(ancestors);
  if (value.type !== 'Identifier' || !fn) return value;
  let init: Node | null = null;
  forEachNode(fn, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === value.name && node.init) init = node.init;
  });
  return init ?? value;
}

function calleeText(call: CallExpression): string {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
    const object = callee.object.type === 'Identifier' ? callee.object.name : 'x';
    return `${object}.${callee.property.name}`;
  }
  return '';
}

/** The declarator of a module-level `const NAME = new Map…()` and the statement holding it. */
function mapDeclaration(program: Program, name: string) {
  for (const statement of program.body) {
    const exported = statement.type === 'ExportNamedDeclaration';
    const declaration = exported ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    const declarator = declaration.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === name);
    if (declarator) return { statement, declaration, declarator, exported };
  }
  return null;
}

/**
 * Whether the module binds `name` other than as the map (`except`) or as an import of the store
 * module (`session-store`, which an earlier map of the file may have brought in).
 */
function declaresElsewhere(program: Program, except: Node, name: string): boolean {
  let found = false;
  forEachNode(program, (node, ancestors) => {
    if (found || node === except || node.type !== 'Identifier' || node.name !== name) return;
    const parent = ancestors.at(-1);
    const binds =
      ((parent?.type === 'VariableDeclarator' || parent?.type === 'FunctionDeclaration' || parent?.type === 'ClassDeclaration') &&
        parent.id === node) ||
      (isFunction(parent) && parent.params.includes(node)) ||
      (parent?.type === 'ImportSpecifier' &&
        !/session-store(-db)?(\.[cm]?js)?$/.test(String((ancestors.at(-2) as { source?: { value?: unknown } })?.source?.value)));
    if (binds) found = true;
  });
  return found;
}

/** The name a function is called by: its own, or the `const` it is assigned to. */
function functionName(fn: BabelFunction, ancestors: readonly Node[]): string | null {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name ?? null;
  const parent = ancestors.at(-1);
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : null;
}

/**
 * What replacing the map named `name` in `file` with the store takes, or why it cannot be done
 * safely: the map must be a module-level, unexported `new Map()` with string keys and JSON values,
 * used only through `.set`, `.get`, `.has` and `.delete` in functions that are async, request
 * handlers, timer callbacks, or helpers whose every caller can await them.
 */
export function storePlan(context: Context, file: string, source: string, name: string): StorePlan | string {
  const ast = parseSource(file, source);
  const program = ast.program;
  const found = mapDeclaration(program, name);
  if (!found) return 'it is not declared at the top of the module';
  const { statement, declaration, declarator } = found;
  if (found.exported || exportsBinding(program, name))
    return 'it is exported, and other modules may use it in ways shipshape does not follow';
  if (declaration.declarations.length !== 1) return 'it is declared together with other names';
  if (declaresElsewhere(program, declarator.id, 'sessionStore')) return 'the module already has a `sessionStore` of its own';
  const init = declarator.init;
  if (init?.type !== 'NewExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'Map')
    return 'it is not a plain `new Map()`';
  if (init.arguments.length > 0) return 'it starts with entries';
  const typescript = /\.[cm]?tsx?$/.test(file);
  const annotation = declarator.id.type === 'Identifier' ? declarator.id.typeAnnotation : null;
  const typeArguments =
    init.typeParameters?.params ??
    (annotation?.type === 'TSTypeAnnotation' && annotation.typeAnnotation.type === 'TSTypeReference'
      ? annotation.typeAnnotation.typeParameters?.params
      : undefined);
  const [keyType, valueType] = (typeArguments ?? []) as TSType[];
  if (keyType && keyType.type !== 'TSStringKeyword') return 'its keys are not strings';
  if (valueType) {
    const problem = typeProblem(valueType, localTypes(program));
    if (problem) return problem;
  }
  const handlerFns = new Set<Node>(requestHandlers(file, ast, context.project).map((handler) => handler.fn));
  const uses: StoreUse[] = [];
  const fnAncestors = new Map<BabelFunction, readonly Node[]>();
  let problem: string | null = null;
  forEachNode(program, (node, ancestors) => {
    if (problem || node.type !== 'Identifier' || node.name !== name || node === declarator.id) return;
    const parent = ancestors.at(-1);
    if (isPropertyAfterDot(node, parent)) return;
    if (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed && !parent.shorthand) return;
    const method = parent?.type === 'MemberExpression' && parent.object === node && !parent.computed ? memberName(parent) : null;
    const call = ancestors.at(-2);
    if (!method || !METHODS.has(method) || call?.type !== 'CallExpression' || call.callee !== parent) {
      problem =
        (method && WHY_NOT[method]) ??
        (parent?.type === 'ForOfStatement' ? 'it is iterated' : 'it is used other than through set, get, has and delete');
      return;
    }
    if (call.arguments.length !== (method === 'set' ? 2 : 1) || call.arguments.some((a) => a.type === 'SpreadElement'))
      return void (problem = `a .${method}() call takes other arguments than a key${method === 'set' ? ' and a value' : ''}`);
    const holder = ancestors.at(-3);
    if (
      (method === 'set' || method === 'delete') &&
      holder?.type !== 'ExpressionStatement' &&
      !(isFunction(holder) && holder.body === call)
    )
      return void (problem = `what .${method}() returns is used`);
    if (method === 'get' && comparedWithUndefined(call, holder, ancestors))
      return void (problem = 'what .get() returns is told apart from undefined, and the store answers null');
    if (method === 'set' && !valueType) {
      const valueIssue = valueProblem(localValue(call.arguments[1]!, ancestors));
      if (valueIssue) return void (problem = valueIssue);
    }
    const fnIndex = ancestors.findLastIndex((ancestor) => isFunction(ancestor));
    const fn = enclosingFunction(ancestors) as BabelFunction | null;
    if (!fn || fnIndex < 0) return void (problem = 'it is used when the module loads');
    if (fn.generator) return void (problem = 'it is used in a generator');
    fnAncestors.set(fn, ancestors.slice(0, fnIndex));
    uses.push({
      method: method as StoreUse['method'],
      call,
      parent: holder,
      fn,
      timer: expiryTimer(method, fn, call, ancestors.slice(0, fnIndex)),
    });
  });
  if (problem) return problem;
  if (!uses.some((use) => use.method === 'set')) return 'nothing in this module sets it';
  const toAsync: StorePlan['toAsync'] = [];
  for (const fn of new Set(uses.filter((use) => !use.timer).map((use) => use.fn))) {
    if (fn.async) continue;
    const outer = fnAncestors.get(fn)!;
    const parent = outer.at(-1);
    if (handlerFns.has(fn)) {
      toAsync.push({ fn, sites: [] });
      continue;
    }
    // A timer's callback: what it returns is never read.
    if (
      parent?.type === 'CallExpression' &&
      parent.arguments.includes(fn as Expression) &&
      /^(setTimeout|setImmediate)$/.test(calleeText(parent))
    ) {
      toAsync.push({ fn, sites: [] });
      continue;
    }
    const fnName = functionName(fn, outer);
    if (!fnName) return 'it is used in a function that is passed on, whose callers cannot all be made to wait';
    const declaredAtTop = program.body.some(
      (s) =>
        s === fn ||
        s === parent ||
        (s.type === 'ExportNamedDeclaration' && (s.declaration === fn || s.declaration === outer.at(-2))) ||
        s === outer.at(-2),
    );
    if (!declaredAtTop) return `\`${fnName}\` is declared inside another function, whose callers shipshape does not follow`;
    const sites = callSites(context, file, fnName, exportsBinding(program, fnName));
    if (sites === null) return `\`${fnName}\` is handed on as a value, so its callers cannot all be made to wait`;
    const waitless = sites.find((site) => !site.inAsync && !site.awaited);
    if (waitless) return `\`${fnName}\` is called in ${waitless.file} from a function that is not async`;
    toAsync.push({ fn, sites });
  }
  return {
    declaration: statement,
    uses,
    toAsync,
    valueType: valueType ? source.slice(valueType.start!, valueType.end!) : null,
    typescript,
  };
}

/** The statement `setTimeout(() => map.delete(key), ms)` when a use is the whole of such a timer's callback. */
function expiryTimer(method: string, fn: BabelFunction, call: Node, outer: readonly Node[]): Statement | undefined {
  if (method !== 'delete') return undefined;
  const onlyCall =
    fn.body === call ||
    (fn.body.type === 'BlockStatement' &&
      fn.body.body.length === 1 &&
      fn.body.body[0]!.type === 'ExpressionStatement' &&
      fn.body.body[0]!.expression === call);
  const timer = outer.at(-1);
  const statement = outer.at(-2);
  if (!onlyCall || timer?.type !== 'CallExpression' || calleeText(timer) !== 'setTimeout' || timer.arguments[0] !== fn) return undefined;
  return statement?.type === 'ExpressionStatement' && statement.expression === timer ? statement : undefined;
}

/** `Date.now() + N` written for an expiry in a set value (or in the `const` it names), as seconds. */
function expirySeconds(value: Node, fn: BabelFunction, constants: ReadonlyMap<string, Expression>): number | null {
  if (value.type !== 'ObjectExpression') return null;
  const locals = new Map(constants);
  forEachNode(fn.body, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) locals.set(node.id.name, node.init);
  });
  for (const property of value.properties) {
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : '';
    if (!EXPIRY_KEY.test(key)) continue;
    let expression: Node | undefined = property.value;
    if (expression.type === 'Identifier') expression = locals.get(expression.name);
    if (expression?.type !== 'BinaryExpression' || expression.operator !== '+') return null;
    const [now, span] = [expression.left, expression.right];
    if (now.type !== 'CallExpression' || calleeText(now) !== 'Date.now') return null;
    const ms = evaluate(span, locals);
    return ms !== null && ms > 0 ? Math.ceil(ms / 1000) : null;
  }
  return null;
}

/** Contexts where an `await …` or a comparison reads as written without parentheses. */
function needsParentheses(parent: Node | undefined, call: Node): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return parent.object === call;
    case 'CallExpression':
    case 'OptionalCallExpression':
      return parent.callee === call;
    case 'TSNonNullExpression':
    case 'UnaryExpression':
    case 'TaggedTemplateExpression':
      return true;
    default:
      return false;
  }
}

/**
 * Replaces the map's uses with awaited calls of `sessionStore` under `namespace`, makes the functions
 * that use it async (and their callers await them), and removes the map. Returns the files changed.
 */
export function applyStorePlan(
  context: Context,
  file: string,
  plan: StorePlan,
  options: { module: string; namespace: string; defaultTtlSeconds: number },
): void {
  const { changeset } = context;
  const source = changeset.read(file)!;
  const program = parseSource(file, source).program;
  const edits = new TextEdits(source, file);
  const constants = topLevelConstants(program);
  const ns = `'${options.namespace.replace(/['\\]/g, '\\$&')}'`;
  const text = (node: Node) => source.slice(node.start!, node.end!);
  const getType = plan.typescript ? `<${plan.valueType ?? 'any'}>` : '';
  for (const use of plan.uses) {
    if (use.timer) {
      edits.replace(...removal(source, ...wholeLines(source, use.timer)), '');
      continue;
    }
    const key = text(use.call.arguments[0]!);
    const wrap = (expression: string) => (needsParentheses(use.parent, use.call) ? `(${expression})` : expression);
    let replacement: string;
    if (use.method === 'set') {
      const value = use.call.arguments[1]!;
      const ttl = expirySeconds(value, use.fn, constants) ?? options.defaultTtlSeconds;
      replacement = `await sessionStore.set(${ns}, ${key}, ${text(value)}, ${ttl})`;
    } else if (use.method === 'delete') replacement = `await sessionStore.delete(${ns}, ${key})`;
    else if (use.method === 'get') replacement = wrap(`await sessionStore.get${getType}(${ns}, ${key})`);
    else if (use.parent?.type === 'UnaryExpression' && use.parent.operator === '!') {
      // `!map.has(key)` reads as "there is none": say so rather than negate a comparison.
      edits.replace(use.parent.start!, use.parent.end!, `(await sessionStore.get(${ns}, ${key})) === null`);
      continue;
    } else replacement = wrap(`(await sessionStore.get(${ns}, ${key})) !== null`);
    edits.replace(use.call.start!, use.call.end!, replacement);
  }
  const elsewhere = new Map<string, CallSite[]>();
  for (const { fn, sites } of plan.toAsync) {
    edits.insert(fn.start!, 'async ');
    const returnType = fn.returnType?.type === 'TSTypeAnnotation' ? fn.returnType.typeAnnotation : null;
    if (returnType && !/^Promise</.test(text(returnType)))
      edits.replace(returnType.start!, returnType.end!, `Promise<${text(returnType)}>`);
    for (const site of sites.filter((s) => !s.awaited)) {
      if (site.file === file) awaitCall(edits, site);
      else elsewhere.set(site.file, [...(elsewhere.get(site.file) ?? []), site]);
    }
  }
  // Inserted before the removal is recorded, so an import at the file's start lands before what it removes.
  insertImportLines(
    edits,
    program,
    importLines(program, moduleSpecifiers(context.project, context.changeset)(file, options.module), ['sessionStore'], edits),
  );
  const [start, end] = wholeLines(source, plan.declaration);
  edits.replace(...removal(source, introducingComment(source, start, /memory|redis|database|\bdb\b|production|restart|store/i), end), '');
  changeset.write(file, edits.apply());
  for (const [other, sites] of elsewhere) {
    const otherText = changeset.read(other)!;
    const otherEdits = new TextEdits(otherText, other);
    for (const site of sites) awaitCall(otherEdits, site);
    changeset.write(other, otherEdits.apply());
  }
}
