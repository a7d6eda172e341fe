import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { enclosingFunction, exportsBinding } from '../engine/ast.ts';
import { insideFunction, onPrismaConstruction } from '../analysis/prisma-ast.ts';
import { walk } from '../engine/walk.ts';

/** `prisma`, `globalThis.prisma`, `this.instance`, `Db.instance`: what a value is stored under, or null. */
function reference(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return reference(node.expression);
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = reference(node.object);
    return object === null ? null : `${object}.${node.property.name}`;
  }
  return null;
}

/** Names the module declares at its top level: they live as long as the process. */
function moduleNames(program: Node): Set<string> {
  const names = new Set<string>();
  if (program.type !== 'Program') return names;
  for (let statement of program.body) {
    if ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration)
      statement = statement.declaration as typeof statement;
    if (statement.type === 'VariableDeclaration')
      for (const d of statement.declarations) if (d.id.type === 'Identifier') names.add(d.id.name);
    if ((statement.type === 'ClassDeclaration' || statement.type === 'FunctionDeclaration') && statement.id) names.add(statement.id.name);
  }
  return names;
}

/** A place that outlives one call: a module variable, a global, a class's static member. */
function lastsBeyondTheCall(key: string, ancestors: readonly Node[], names: ReadonlySet<string>): boolean {
  const root = key.split('.')[0]!;
  if (root === 'this') {
    const method = enclosingFunction(ancestors);
    return method?.type === 'ClassMethod' && method.static && key.includes('.');
  }
  return names.has(root) || root === 'global' || root === 'globalThis' || root.startsWith('globalFor');
}

/** `!key`, `key == null`, `key === undefined`: true while the cache is empty. */
function testsEmpty(test: Node, key: string): boolean {
  if (test.type === 'UnaryExpression' && test.operator === '!') return reference(test.argument) === key;
  if (test.type === 'BinaryExpression' && ['==', '==='].includes(test.operator)) {
    const empty = (side: Node) => side.type === 'NullLiteral' || (side.type === 'Identifier' && side.name === 'undefined');
    return (empty(test.right) && reference(test.left as Node) === key) || (empty(test.left as Node) && reference(test.right) === key);
  }
  return false;
}

/** The value of `node` is stored in a lasting cache that it fills only when empty. */
function fillsCache(node: Node, ancestors: readonly Node[], names: ReadonlySet<string>): boolean {
  let child = node;
  let at = ancestors.length - 1;
  while (at >= 0 && ['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression'].includes(ancestors[at]!.type))
    child = ancestors[at--]!;
  const parent = ancestors[at];
  if (parent?.type === 'LogicalExpression' && (parent.operator === '??' || parent.operator === '||') && parent.right === child) {
    const key = reference(parent.left);
    return key !== null && lastsBeyondTheCall(key, ancestors, names);
  }
  if (parent?.type !== 'AssignmentExpression' || parent.right !== child) return false;
  const key = reference(parent.left as Node);
  if (key === null || !lastsBeyondTheCall(key, ancestors, names)) return false;
  if (parent.operator === '??=' || parent.operator === '||=') return true;
  return ancestors.some((guard, i) => guard.type === 'IfStatement' && ancestors[i + 1] === guard.consequent && testsEmpty(guard.test, key));
}

/** A module-level creator another module can import; outside a module (a bare function) it counts as shared. */
function isExported(program: Node, name: string): boolean {
  return program.type !== 'Program' || exportsBinding(program, name);
}

/**
 * A construction that runs once per process although it sits in a function: a factory this module
 * alone calls, at its top level or into a cache (Prisma's documented `globalThis` singleton), or the
 * constructor of a class whose instances are made only that way (a static `getInstance()` singleton).
 */
function madeOncePerProcess(program: Node, ancestors: readonly Node[], names: ReadonlySet<string>): boolean {
  const fn = enclosingFunction(ancestors)!;
  const at = ancestors.lastIndexOf(fn);
  const holder = ancestors[at - 1];
  let creator: { name: string; kind: 'call' | 'new' } | null = null;
  if (fn.type === 'ClassMethod' && fn.kind === 'constructor') {
    const classNode = ancestors[at - 2];
    const topLevel = ancestors[at - 3] === program || (ancestors[at - 3]?.type.startsWith('Export') && ancestors[at - 4] === program);
    if (classNode?.type === 'ClassDeclaration' && classNode.id && topLevel) {
      const privateConstructor = fn.accessibility === 'private';
      if (privateConstructor || !isExported(program, classNode.id.name)) creator = { name: classNode.id.name, kind: 'new' };
    }
  } else if (fn.type === 'FunctionDeclaration' && holder === program && fn.id) {
    creator = { name: fn.id.name, kind: 'call' };
  } else if (
    (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') &&
    holder?.type === 'VariableDeclarator' &&
    holder.id.type === 'Identifier' &&
    ancestors[at - 3] === program
  ) {
    creator = { name: holder.id.name, kind: 'call' };
  }
  if (!creator || (creator.kind === 'call' && isExported(program, creator.name))) return false;
  const { name, kind } = creator;
  let once = true;
  walk(
    program,
    new Map([
      [
        'Identifier',
        [
          (node: Node, path: readonly Node[]) => {
            if (node.type !== 'Identifier' || node.name !== name) return;
            const parent = path.at(-1)!;
            if (parent.type.startsWith('TS') && parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression') return;
            if (
              (parent.type === 'VariableDeclarator' && parent.id === node) ||
              ((parent.type === 'FunctionDeclaration' || parent.type === 'ClassDeclaration') && parent.id === node)
            )
              return;
            if (parent.type === 'MemberExpression' && parent.object === node && kind === 'new') return;
            const made = (kind === 'call' && parent.type === 'CallExpression') || (kind === 'new' && parent.type === 'NewExpression');
            if (!made || (parent as { callee: Node }).callee !== node) once = false;
            else if (insideFunction(path.slice(0, -1)) && !fillsCache(parent, path.slice(0, -1), names)) once = false;
          },
        ],
      ],
    ]),
  );
  return once;
}

export default defineCheck({
  meta: {
    id: 'prisma-client-per-request',
    title: 'PrismaClient created per request',
    severity: 'high',
    category: 'data-access',
    messages: {
      clientPerCall: 'A new PrismaClient (and connection pool) is created each time this function runs: import one shared client instead.',
    },
    docs: 'Every `new PrismaClient()` opens its own connection pool. Created inside a handler, `getServerSideProps` or a server action, it opens a new pool per request, and the database runs out of connections under a few dozen concurrent users. Create one client per process in a shared module and import it.',
    prefilter: ['PrismaClient'],
    fix: 'prisma-singleton',
    finds:
      "`new PrismaClient()` inside a function: a handler, `getServerSideProps`, a server action, anything that runs per request. Not when it fills an empty module-level, global or static cache (`if (!prisma) prisma = …`, `??=`, `globalThis.prisma ?? …`), nor in a factory this module alone calls that way (Prisma's documented `prismaClientSingleton()`), nor in the private constructor of a class made only that way (a static `getInstance()`)",
    sources: [
      {
        title: 'Prisma: best practice for instantiating Prisma Client with Next.js',
        url: 'https://www.prisma.io/docs/orm/more/help-and-troubleshooting/nextjs-help',
      },
      {
        title: 'Prisma: connection management',
        url: 'https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections/connection-management',
      },
    ],
  },
  check(ctx) {
    return onPrismaConstruction((node, ancestors) => {
      if (!insideFunction(ancestors)) return;
      const program = ancestors.find((ancestor) => ancestor.type === 'Program');
      if (program) {
        const names = moduleNames(program);
        if (fillsCache(node, ancestors, names) || madeOncePerProcess(program, ancestors, names)) return;
      }
      ctx.report({ node, messageId: 'clientPerCall' });
    });
  },
});
