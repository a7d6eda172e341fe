import path from 'node:path';
import type { ASTPath, CallExpression, Collection, JSCodeshift, NewExpression, VariableDeclarator } from 'jscodeshift';
import type { Node } from '@babel/types';
import { addImport, addTodo, dropEmptyFinally, removeMethodCalls, removeUnusedBinding, sourceTree } from '../src/engine/codemod.ts';
import { markServerOnly } from './add-server-only.ts';
import { onlyInAppRouterServerCode } from '../src/analysis/client-graph.ts';
import { driverNames, opensConnection, type Connection } from '../src/analysis/db-drivers.ts';
import { escapeRegExp } from '../src/engine/needles.ts';
import { printSource } from '../src/engine/print-style.ts';
import { newFileText } from '../src/engine/project-style.ts';
import { renderTemplate } from '../src/engine/templates.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { packageFor } from '../src/project/packages.ts';
import { moduleSpecifiers } from '../src/analysis/module-specifier.ts';
import type { Project } from '../src/project/types.ts';
export { meta } from './meta/pg-pool.ts';

type PooledDriver = Extract<Connection, 'pg' | 'mysql2' | 'postgres.js'>;

const SHARED: Record<
  PooledDriver,
  { exportName: string; globalKey: string; type: string; factory: string; importSource: string; made: RegExp }
> = {
  pg: { exportName: 'pool', globalKey: 'pgPool', type: 'Pool', factory: 'new Pool', importSource: 'pg', made: /\bnew\s+(pg\.)?Pool\(/ },
  mysql2: {
    exportName: 'pool',
    globalKey: 'mysqlPool',
    type: 'mysql.Pool',
    factory: 'mysql.createPool',
    importSource: 'mysql2',
    made: /\bcreatePool\(/,
  },
  'postgres.js': {
    exportName: 'sql',
    globalKey: 'postgresSql',
    type: 'postgres.Sql',
    factory: 'postgres',
    importSource: 'postgres',
    made: /\bpostgres\(/,
  },
};

const TRANSACTION = /\b(BEGIN|START\s+TRANSACTION)\b|beginTransaction/i;

function openings(j: JSCodeshift, tree: Collection): Array<{ path: ASTPath; driver: PooledDriver }> {
  const names = driverNames(tree.find(j.Program).get().node as Node);
  const found: Array<{ path: ASTPath; driver: PooledDriver }> = [];
  tree.find(j.Node).forEach((p) => {
    const node = p.node as unknown as Node;
    if (node.type !== 'NewExpression' && node.type !== 'CallExpression') return;
    const driver = opensConnection(node, names);
    if ((driver === 'pg' || driver === 'mysql2' || driver === 'postgres.js') && j(p as unknown as ASTPath).closest(j.Function).length > 0)
      found.push({ path: p as unknown as ASTPath, driver });
  });
  return found;
}

/** Names the settings may use once copied into the pool module: nothing from the handler's own scope. */
const MOVABLE_GLOBALS = new Set(['process', 'undefined', 'Number', 'String', 'Boolean', 'JSON', 'parseInt']);

/**
 * The pool's arguments, written so the pool connects exactly as the per-request connection did; null when
 * they cannot be moved to the pool module. pg's `Client` takes a connection string or a config object, but
 * its `Pool` takes only an object, so a string becomes `{ connectionString }`; mysql2 and postgres.js pools
 * take the same arguments as their connections.
 */
function poolArguments(j: JSCodeshift, node: NewExpression | CallExpression, driver: PooledDriver): string | null {
  const args = node.arguments;
  const local = args.some(
    (arg) =>
      j(arg as never)
        .find(j.Identifier)
        .filter((id: ASTPath) => isReference(id) && !MOVABLE_GLOBALS.has((id.node as { name: string }).name)).length > 0 ||
      (arg.type === 'Identifier' && !MOVABLE_GLOBALS.has(arg.name)),
  );
  if (local || args.some((arg) => arg.type === 'SpreadElement')) return null;
  const source = args.map((arg) => j(arg as never).toSource()).join(', ');
  if (driver !== 'pg' || args.length === 0) return source;
  if (args.length > 1) return null;
  const only = args[0] as unknown as Node;
  if (only.type === 'ObjectExpression') return source;
  return isString(only) ? `{ connectionString: ${source} }` : null;
}

/** An identifier that names a binding, not a property key or a member name. */
function isReference(id: ASTPath): boolean {
  const parent = id.parent?.node as
    { type: string; key?: unknown; property?: unknown; computed?: boolean; shorthand?: boolean; value?: unknown } | undefined;
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === id.node && !parent.computed)
    return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === id.node && !parent.computed && !parent.shorthand)
    return false;
  return true;
}

/** An expression whose value is a string or undefined whatever runs: a literal, a template, an env variable. */
function isString(node: Node): boolean {
  switch (node.type) {
    case 'StringLiteral':
    case 'TemplateLiteral':
      return true;
    case 'MemberExpression':
      return (
        node.object.type === 'MemberExpression' &&
        node.object.object.type === 'Identifier' &&
        node.object.object.name === 'process' &&
        node.object.property.type === 'Identifier' &&
        node.object.property.name === 'env'
      );
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return isString(node.expression);
    case 'LogicalExpression':
      return node.operator !== '&&' && isString(node.left) && isString(node.right);
    case 'ConditionalExpression':
      return isString(node.consequent) && isString(node.alternate);
    case 'BinaryExpression':
      return node.operator === '+' && (isString(node.left as Node) || isString(node.right));
    default:
      return false;
  }
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const files = [...new Set(findings.filter((f) => f.ruleId === 'db-connection-per-request').map((f) => f.file))].sort();
  const sharedClients = [...new Set(findings.filter((f) => f.ruleId === 'pg-client-shared').map((f) => f.file))].sort();
  if (files.length === 0 && sharedClients.length === 0) return;
  const { default: jscodeshift } = await import('jscodeshift');
  const j = jscodeshift.withParser('tsx');
  for (const file of sharedClients) poolSharedClient(j, file, changeset);
  const sharedModules = new Map<string, { module: string; settings: string | null }>();
  const specifier = moduleSpecifiers(project, changeset);
  const users = new Map<string, string[]>();

  for (const file of files) {
    const source = changeset.read(file);
    if (source === null) continue;
    const tree = sourceTree(j, source);
    const found = openings(j, tree);
    if (found.length === 0) continue;
    const pkgDir = packageFor(project.packages, file)?.dir ?? '';
    let changed = false;
    for (const { path: opening, driver } of found) {
      const shared = SHARED[driver];
      const key = `${pkgDir}\0${driver}`;
      const settings = poolArguments(j, opening.node as NewExpression, driver);
      let pool = sharedModules.get(key);
      if (!pool && settings !== null) {
        pool = await sharedModule(project, pkgDir, driver, file, settings, changeset);
        sharedModules.set(key, pool);
      }
      if (!pool || settings === null) {
        changed =
          addTodo(
            j,
            opening,
            `move these settings into one ${shared.exportName} shared by the whole app and use it here, instead of a connection per request`,
          ) || changed;
        continue;
      }
      const { module } = pool;
      if (pool.settings !== null && pool.settings !== settings) {
        changed =
          addTodo(
            j,
            opening,
            `these settings differ from the shared ${shared.exportName} in ${module}: use it, or a second pool for this database`,
          ) || changed;
        continue;
      }
      if (usePool(j, tree, opening, driver, specifier(file, module), shared.exportName)) {
        changed = true;
        users.set(module, [...(users.get(module) ?? []), file]);
      }
    }
    if (!changed) continue;
    for (const name of ['Client', 'createConnection', 'postgres']) removeUnusedBinding(j, tree, name);
    for (const driver of new Set(found.map((f) => f.driver))) removeUnusedNamespace(j, tree, SHARED[driver].importSource);
    changeset.write(file, printSource(tree, source, file));
  }
  // A new pool module used only by App Router server code is marked so from the start.
  for (const [module, files] of users) {
    const created = changeset.changes().some((change) => change.path === module && change.before === null);
    if (created && onlyInAppRouterServerCode(project, files)) markServerOnly(project, changeset, module);
  }
}

/** Drops the driver's import or require once nothing in the file uses it. */
function removeUnusedNamespace(j: JSCodeshift, tree: Collection, source: string): void {
  const names = driverNames(tree.find(j.Program).get().node as Node);
  const bound = source === 'pg' ? names.pgNamespace : source === 'mysql2' ? names.mysqlNamespace : names.postgres;
  for (const name of bound) removeUnusedBinding(j, tree, name);
}

/** Writes the pool module once per package and driver, from the first connection's own settings. */
async function sharedModule(
  project: Project,
  pkgDir: string,
  driver: PooledDriver,
  file: string,
  connection: string,
  changeset: ProjectTransformContext['changeset'],
): Promise<{ module: string; settings: string | null }> {
  const typescript = /\.tsx?$/.test(file);
  const base = path.posix.join(pkgDir, /(^|\/)src\//.test(file) ? 'src/lib' : 'lib');
  const ext = typescript ? 'ts' : 'js';
  const candidates = [`${base}/db.${ext}`, `${base}/db-pool.${ext}`, `${base}/${driver.replace('.', '')}-pool.${ext}`];
  const shared = SHARED[driver];
  const exporting = new RegExp(`export const ${shared.exportName}\\b`);
  for (const candidate of candidates) {
    const existing = changeset.read(candidate);
    if (existing !== null && exporting.test(existing) && shared.made.test(existing))
      return { module: candidate, settings: settingsOf(existing, shared.factory) };
    if (existing === null) {
      // The same settings the per-request connection used; none means the driver's own PG*/env defaults, as before.
      const module = renderTemplate('code/db-pool.ts', {
        typescript,
        connection,
        exportName: shared.exportName,
        globalKey: shared.globalKey,
        type: shared.type,
        factory: shared.factory,
        pg: driver === 'pg',
        mysql: driver === 'mysql2',
        postgresJs: driver === 'postgres.js',
      });
      changeset.write(candidate, await newFileText(project, candidate, module));
      return { module: candidate, settings: connection };
    }
  }
  return { module: candidates[candidates.length - 1]!, settings: null };
}

/** The arguments a pool module written by this transform passes its factory; null for a module written by hand. */
function settingsOf(module: string, factory: string): string | null {
  const escaped = escapeRegExp(factory);
  return new RegExp(`^export const \\w+ = globalForDb\\.\\w+ \\?\\? ${escaped}\\((.*)\\);?$`, 'm').exec(module)?.[1] ?? null;
}

/** Turns one per-request connection into a use of the shared pool; false when it is left with a TODO. */
function usePool(j: JSCodeshift, tree: Collection, opening: ASTPath, driver: PooledDriver, source: string, exportName: string): boolean {
  let holder: ASTPath = opening;
  if (holder.parent?.node.type === 'AwaitExpression') holder = holder.parent;
  const declarator = holder.parent?.node.type === 'VariableDeclarator' ? (holder.parent as ASTPath<VariableDeclarator>) : null;
  const declaration = declarator?.parent;
  if (!declarator || declarator.node.id.type !== 'Identifier' || declaration?.node.declarations.length !== 1) {
    return addTodo(j, opening, `use the shared ${exportName} from ${source} instead of a connection per request`);
  }
  const name = declarator.node.id.name;
  const scope = j(opening).closest(j.Function);
  const body = j(scope.get() as ASTPath).toSource();
  if (driver !== 'postgres.js' && TRANSACTION.test(body)) {
    // A transaction needs one connection throughout: borrow it from the pool and give it back.
    const borrow = driver === 'pg' ? 'connect' : 'getConnection';
    declarator.node.init = j.awaitExpression(j.callExpression(j.memberExpression(j.identifier(exportName), j.identifier(borrow)), []));
    removeMethodCalls(j, scope, name, 'connect');
    let inFinally = false;
    scope
      .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { name }, property: { name: 'end' } } })
      .forEach((call: ASTPath<CallExpression>) => {
        (call.node.callee as { property: { name: string } }).property.name = 'release';
        if (
          j(call)
            .closest(j.TryStatement)
            .filter((t: ASTPath) => (t.node as { finalizer?: unknown }).finalizer !== null).length > 0
        )
          inFinally = true;
      });
    if (!inFinally) addTodo(j, declarator, `release ${name} in a finally block, so an error does not leak the connection`);
    addImport(j, tree, source, exportName, exportName);
    return true;
  }
  removeMethodCalls(j, scope, name, 'connect');
  removeMethodCalls(j, scope, name, 'end');
  dropEmptyFinally(j, scope);
  j(declaration as ASTPath).remove();
  addImport(j, tree, source, exportName, name);
  return true;
}

/**
 * A module-level pg `Client` that every request shares becomes a `Pool` under the same name: its
 * `query()` is the same, and the module's `connect()` goes, since a pool connects on demand. A module
 * that runs transactions on it gets a TODO instead: on a pool, each query may take another connection.
 */
function poolSharedClient(j: JSCodeshift, file: string, changeset: ProjectTransformContext['changeset']): void {
  const source = changeset.read(file);
  if (source === null) return;
  const tree = sourceTree(j, source);
  const names = driverNames(tree.find(j.Program).get().node as Node);
  let changed = false;
  tree.find(j.NewExpression).forEach((opening: ASTPath<NewExpression>) => {
    if (opening.parent?.node.type !== 'VariableDeclarator' || j(opening).closest(j.Function).length > 0) return;
    if (opensConnection(opening.node as unknown as Node, names) !== 'pg') return;
    const declarator = opening.parent as ASTPath<VariableDeclarator>;
    if (declarator.node.id.type !== 'Identifier') return;
    if (TRANSACTION.test(source)) {
      changed =
        addTodo(
          j,
          declarator,
          `make ${declarator.node.id.name} a Pool, and run each transaction on one client from pool.connect(), released in a finally block`,
        ) || changed;
      return;
    }
    // pg's Pool takes only a config object, where Client also takes a connection string.
    const args = opening.node.arguments;
    const only = args[0] as unknown as Node | undefined;
    if (args.length > 1 || (only && only.type !== 'ObjectExpression' && !isString(only))) {
      changed =
        addTodo(j, declarator, `make ${declarator.node.id.name} a Pool: new Pool() takes a config object, not a connection string`) ||
        changed;
      return;
    }
    if (only && only.type !== 'ObjectExpression') {
      opening.node.arguments = [j.objectExpression([j.objectProperty(j.identifier('connectionString'), args[0] as never)])];
    }
    const callee = opening.node.callee;
    if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') callee.property.name = 'Pool';
    else {
      opening.node.callee = j.identifier('Pool');
      addImport(j, tree, 'pg', 'Pool', 'Pool');
    }
    removeMethodCalls(j, tree, declarator.node.id.name, 'connect');
    changed = true;
  });
  if (!changed) return;
  removeUnusedBinding(j, tree, 'Client');
  changeset.write(file, printSource(tree, source, file));
}
