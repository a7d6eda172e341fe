import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ASTPath, Collection, JSCodeshift, NewExpression, VariableDeclarator } from 'jscodeshift';
import { addImport, addTodo, dropEmptyFinally, removeMethodCalls, removeUnusedBinding, sourceTree } from '../src/engine/codemod.ts';
import { printSource } from '../src/engine/print-style.ts';
import { newFileText } from '../src/engine/project-style.ts';
import { renderTemplate } from '../src/engine/templates.ts';
import { markServerOnly } from './add-server-only.ts';
import { onlyInAppRouterServerCode } from '../src/analysis/client-graph.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { isSourceFile } from '../src/project/load-project.ts';
import { packageFor } from '../src/project/packages.ts';
import { moduleSpecifiers, type ModuleSpecifier } from '../src/analysis/module-specifier.ts';
import type { PackageInfo, Project } from '../src/project/types.ts';
export { meta } from './meta/prisma-singleton.ts';

const CANONICAL_PATH = /(^|\/)(src\/)?(lib|utils|server|db)\/(prisma|db|client)\.[cm]?[jt]s$/;

interface Shared {
  file: string;
  /** How the module exports its client. */
  exported: { kind: 'named'; name: string } | { kind: 'default' };
}

function constructions(j: JSCodeshift, root: Collection): Collection<NewExpression> {
  const names = new Set(['PrismaClient']);
  root.find(j.ImportSpecifier, { imported: { name: 'PrismaClient' } }).forEach((p) => {
    if (p.node.local?.name) names.add(p.node.local.name as string);
  });
  return root
    .find(j.NewExpression)
    .filter((p: ASTPath<NewExpression>) => p.node.callee.type === 'Identifier' && names.has(p.node.callee.name));
}

const atModuleLevel = (j: JSCodeshift, p: ASTPath) => j(p).closest(j.Function).length === 0;

/** The module-level client in a file: its declarator, and how the file exports it. */
function moduleClient(
  j: JSCodeshift,
  root: Collection,
): { declarator: ASTPath<VariableDeclarator>; exported: Shared['exported'] | null } | null {
  const found = constructions(j, root)
    .filter((p: ASTPath<NewExpression>) => atModuleLevel(j, p))
    .map((p: ASTPath) => j(p).closest(j.VariableDeclarator).paths()[0] ?? null);
  const declarator = found.paths()[0] as ASTPath<VariableDeclarator> | undefined;
  if (!declarator || declarator.node.id.type !== 'Identifier') return null;
  const name = declarator.node.id.name;
  const exportedNamed =
    j(declarator).closest(j.ExportNamedDeclaration).length > 0 || root.find(j.ExportSpecifier, { local: { name } }).length > 0;
  const exportedDefault = root.find(j.ExportDefaultDeclaration, { declaration: { type: 'Identifier', name } }).length > 0;
  return { declarator, exported: exportedNamed ? { kind: 'named', name } : exportedDefault ? { kind: 'default' } : null };
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.ruleId === 'prisma-client-per-request' || f.ruleId === 'prisma-client-duplicated');
  if (relevant.length === 0) return;
  const { default: jscodeshift } = await import('jscodeshift');
  const j = jscodeshift.withParser('tsx');

  const packages = new Map<PackageInfo | null, string[]>();
  for (const file of project.files.filter(isSourceFile)) {
    const text = changeset.read(file);
    if (!text?.includes('PrismaClient')) continue;
    const pkg = packageFor(project.packages, file);
    packages.set(pkg, [...(packages.get(pkg) ?? []), file]);
  }
  const affected = new Set(relevant.map((f) => packageFor(project.packages, f.file)));
  for (const [pkg, files] of packages) {
    if (affected.has(pkg)) await planPackage(j, project, pkg, files, changeset);
  }
}

function parseable(j: JSCodeshift, source: string): Collection | null {
  try {
    return sourceTree(j, source);
  } catch {
    return null;
  }
}

async function planPackage(
  j: JSCodeshift,
  project: Project,
  pkg: PackageInfo | null,
  allFiles: string[],
  changeset: ProjectTransformContext['changeset'],
): Promise<void> {
  // A file that does not parse is reported by the scan (parse-error) and left alone here.
  const parsed = new Map(
    allFiles.flatMap((file) => {
      const tree = parseable(j, changeset.read(file)!);
      return tree ? [[file, tree] as const] : [];
    }),
  );
  const files = [...parsed.keys()];
  const withClient = files.filter((file) => moduleClient(j, parsed.get(file)!) !== null);
  const cached = (file: string) => /\bglobal(This)?\b/.test(changeset.read(file)!);
  const canonical =
    withClient.find((file) => cached(file) && moduleClient(j, parsed.get(file)!)!.exported) ??
    withClient.find((file) => CANONICAL_PATH.test(file) && moduleClient(j, parsed.get(file)!)!.exported) ??
    withClient.find((file) => moduleClient(j, parsed.get(file)!)!.exported);

  let shared: Shared;
  if (canonical) {
    shared = { file: canonical, exported: moduleClient(j, parsed.get(canonical)!)!.exported! };
    if (!cached(canonical)) cacheOnGlobal(j, canonical, parsed.get(canonical)!, changeset);
  } else {
    const dir = pkg?.dir ?? '';
    const usesSrc = existsSync(path.join(project.root, dir, 'src'));
    const typescript = files.some((file) => /\.tsx?$/.test(file));
    const file = path.posix.join(dir, usesSrc ? 'src/lib' : 'lib', `prisma.${typescript ? 'ts' : 'js'}`);
    changeset.write(file, await newFileText(project, file, renderTemplate('code/prisma-client.ts', { typescript })));
    shared = { file, exported: { kind: 'named', name: 'prisma' } };
  }

  const users: string[] = [];
  const specifier = moduleSpecifiers(project, changeset);
  for (const file of files) {
    if (file === shared.file) continue;
    const tree = parsed.get(file)!;
    if (useSharedClient(j, file, tree, shared, specifier)) {
      changeset.write(file, printSource(tree, changeset.read(file)!, file));
      users.push(file);
    }
  }
  // A new Prisma module used only by App Router server code is marked so from the start.
  if (!canonical && users.length > 0 && onlyInAppRouterServerCode(project, users)) markServerOnly(project, changeset, shared.file);
}

/** `const prisma = new PrismaClient()` becomes `globalForPrisma.prisma ?? new PrismaClient()`, kept on globalThis outside production. */
function cacheOnGlobal(j: JSCodeshift, file: string, tree: Collection, changeset: ProjectTransformContext['changeset']): void {
  const client = moduleClient(j, tree)!;
  const name = (client.declarator.node.id as { name: string }).name;
  const typescript = /\.tsx?$/.test(file);
  const construction = client.declarator.node.init!;
  client.declarator.node.init = j.logicalExpression(
    '??',
    j.memberExpression(j.identifier('globalForPrisma'), j.identifier('prisma')),
    construction as never,
  );
  let topLevel: ASTPath = client.declarator;
  while (topLevel.parent && topLevel.parent.node.type !== 'Program') topLevel = topLevel.parent;
  const statement = j(topLevel);
  const holder = j(`const globalForPrisma = globalThis${typescript ? ' as unknown as { prisma?: PrismaClient }' : ''};`)
    .find(j.VariableDeclaration)
    .get().node;
  const keep = j(`if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = ${name};`).find(j.IfStatement).get().node;
  statement.insertBefore(holder);
  statement.insertAfter(keep);
  const source = changeset.read(file)!;
  changeset.write(file, printSource(tree, source, file));
}

/** Replaces the file's own clients with an import of the shared one; false when nothing changed. */
function useSharedClient(j: JSCodeshift, file: string, tree: Collection, shared: Shared, specifier: ModuleSpecifier): boolean {
  let changed = false;
  const localNames = new Set<string>();
  constructions(j, tree).forEach((p: ASTPath<NewExpression>) => {
    const declarator = p.parent?.node?.type === 'VariableDeclarator' ? (p.parent as ASTPath<VariableDeclarator>) : null;
    const declaration = declarator?.parent;
    if (!declarator || declarator.node.id.type !== 'Identifier' || declaration?.node.declarations.length !== 1) {
      if (addTodo(j, p, 'use the shared Prisma client instead of constructing one here')) changed = true;
      return;
    }
    const name = declarator.node.id.name;
    localNames.add(name);
    // The shared client lives as long as the process: a per-request disconnect would close it for everyone.
    const scope = atModuleLevel(j, p) ? tree : j(p).closest(j.Function);
    removeMethodCalls(j, scope, name, '$disconnect');
    dropEmptyFinally(j, scope);
    j(declaration as ASTPath).remove();
    changed = true;
  });
  if (!changed || localNames.size === 0) return changed;
  removeUnusedBinding(j, tree, 'PrismaClient');
  const source = specifier(file, shared.file);
  for (const name of localNames) addImport(j, tree, source, shared.exported.kind === 'default' ? 'default' : shared.exported.name, name);
  return true;
}
