import type { Node, Program } from '@babel/types';
import { declareDependency } from './add-missing-dependencies.ts';
import { declareServerOnly } from './add-server-only.ts';
import type { Changeset } from '../src/engine/changeset.ts';
import { clientGraph, onlyInAppRouterServerCode } from '../src/analysis/client-graph.ts';
import { TextEdits, insertImportLines } from '../src/engine/codemod.ts';
import { moduleSpecifiers } from '../src/analysis/module-specifier.ts';
import { PUBLIC_ENV_PREFIX, RUNTIME_VARIABLES, envDestructured, envRead } from '../src/analysis/env-reads.ts';
import { parseSource } from '../src/engine/parse.ts';
import { newFileText } from '../src/engine/project-style.ts';
import { renderTemplate } from '../src/engine/templates.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { mergeVisitors, walk } from '../src/engine/walk.ts';
import { isDevelopmentFile } from '../src/project/dependencies.ts';
import { isSourceFile } from '../src/project/load-project.ts';
import { packageFor } from '../src/project/packages.ts';
import type { PackageInfo, Project } from '../src/project/types.ts';
export { meta } from './meta/typed-env-module.ts';

interface Read {
  file: string;
  name: string;
  start: number;
  end: number;
  /** `process.env` itself, in `const { A } = process.env`. */
  whole: boolean;
  optional: boolean;
}

const GENERATED = /(^|\/)env\/(server|client)\.[jt]s$/;

/** Names a module binds at its top level: imports, declarations. */
function topLevelNames(program: Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === 'ImportDeclaration') for (const specifier of declaration.specifiers) names.add(specifier.local.name);
    if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id)
      names.add(declaration.id.name);
    if (declaration.type === 'VariableDeclaration')
      for (const d of declaration.declarations) if (d.id.type === 'Identifier') names.add(d.id.name);
  }
  return names;
}

function readsOf(file: string, source: string): Read[] {
  const reads: Read[] = [];
  let ast;
  try {
    ast = parseSource(file, source);
  } catch {
    return [];
  }
  walk(
    ast,
    mergeVisitors([
      {
        MemberExpression(node, ancestors) {
          const name = envRead(node);
          if (!name || RUNTIME_VARIABLES.test(name)) return;
          const parent = ancestors.at(-1);
          if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
          const optional =
            parent?.type === 'LogicalExpression' && parent.left === node && (parent.operator === '??' || parent.operator === '||');
          reads.push({ file, name, start: node.start!, end: node.end!, whole: false, optional });
        },
        VariableDeclarator(node) {
          const names = envDestructured(node);
          if (names.length === 0 || node.type !== 'VariableDeclarator') return;
          if (names.some((read) => RUNTIME_VARIABLES.test(read.name))) return;
          const init = node.init as Node;
          for (const read of names) reads.push({ file, name: read.name, start: init.start!, end: init.end!, whole: true, optional: false });
        },
      },
    ]),
  );
  return reads;
}

/** Names already in a generated module's schema, so a later run keeps them. */
function schemaNames(source: string | null): Array<{ name: string; optional: boolean }> {
  if (!source) return [];
  return [...source.matchAll(/^\s+(\w+): z\.string\(\)(\.optional\(\))?/gm)].map((m) => ({ name: m[1]!, optional: Boolean(m[2]) }));
}

function moduleDir(pkg: PackageInfo, project: Project): string {
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  return project.files.some((file) => file.startsWith(`${prefix}src/`)) && pkg.routers.some((r) => r.startsWith('src/'))
    ? `${prefix}src/env`
    : `${prefix}env`;
}

async function planPackage(project: Project, changeset: Changeset, pkg: PackageInfo): Promise<void> {
  const graph = clientGraph(project);
  const specifier = moduleSpecifiers(project, changeset);
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const files = project.files.filter(
    (file) =>
      (pkg.dir === '' || file.startsWith(prefix)) &&
      packageFor(project.packages, file) === pkg &&
      isSourceFile(file) &&
      !isDevelopmentFile(file) &&
      !GENERATED.test(file) &&
      !/(^|\/)next\.config\./.test(file),
  );
  const dir = moduleDir(pkg, project);
  const typescript = files.some((file) => /\.tsx?$/.test(file));
  const ext = typescript ? 'ts' : 'js';
  const modules = { server: `${dir}/server.${ext}`, client: `${dir}/client.${ext}` };

  const reads = files.flatMap((file) => {
    const source = changeset.read(file);
    return source !== null && /process\.env/.test(source) ? readsOf(file, source) : [];
  });
  // Browser code cannot read server variables at all: those reads stay, for `server-env-in-client` to report.
  const movable = reads.filter((read) => PUBLIC_ENV_PREFIX.test(read.name) || !graph.isClient(read.file));
  if (movable.length === 0) return;
  const sides = {
    server: new Map(schemaNames(changeset.read(modules.server)).map((v) => [v.name, v.optional])),
    client: new Map(schemaNames(changeset.read(modules.client)).map((v) => [v.name, v.optional])),
  };
  for (const read of movable) {
    const side = PUBLIC_ENV_PREFIX.test(read.name) ? sides.client : sides.server;
    side.set(read.name, (side.get(read.name) ?? true) && read.optional);
  }

  const serverFiles = [...new Set(movable.filter((read) => !PUBLIC_ENV_PREFIX.test(read.name)).map((read) => read.file))];
  const variables = (side: Map<string, boolean>) =>
    [...side].sort(([a], [b]) => a.localeCompare(b)).map(([name, optional]) => ({ name, optional }));
  // `server-only` throws outside App Router server code (Pages Router, scripts): only there is it added.
  const serverOnly =
    sides.server.size > 0 &&
    (/import ['"]server-only['"]/.test(changeset.read(modules.server) ?? '') ||
      (serverFiles.length > 0 && onlyInAppRouterServerCode(project, serverFiles)));
  if (sides.server.size > 0) {
    changeset.write(
      modules.server,
      await newFileText(
        project,
        modules.server,
        renderTemplate('code/env-server.ts', { serverOnly, typescript, variables: variables(sides.server) }),
      ),
    );
  }
  if (sides.client.size > 0)
    changeset.write(
      modules.client,
      await newFileText(project, modules.client, renderTemplate('code/env-client.ts', { typescript, variables: variables(sides.client) })),
    );

  for (const file of [...new Set(movable.map((read) => read.file))].sort()) {
    const source = changeset.read(file)!;
    const here = movable.filter((read) => read.file === file);
    const edits = new TextEdits(source, file);
    const program = parseSource(file, source).program;
    const taken = topLevelNames(program).has('env');
    const needed = new Set<'server' | 'client'>();
    const localName = (side: 'server' | 'client') =>
      taken || here.some((r) => (PUBLIC_ENV_PREFIX.test(r.name) ? 'client' : 'server') !== side) ? `${side}Env` : 'env';
    const wholes = new Map<number, Read[]>();
    for (const read of here) {
      if (read.whole) (wholes.get(read.start) ?? wholes.set(read.start, []).get(read.start)!).push(read);
      else {
        const side = PUBLIC_ENV_PREFIX.test(read.name) ? 'client' : 'server';
        needed.add(side);
        edits.replace(read.start, read.end, `${localName(side)}.${read.name}`);
      }
    }
    for (const group of wholes.values()) {
      const sidesOf = new Set(group.map((read) => (PUBLIC_ENV_PREFIX.test(read.name) ? 'client' : 'server')));
      if (sidesOf.size !== 1) continue;
      const side = [...sidesOf][0] as 'server' | 'client';
      needed.add(side);
      edits.replace(group[0]!.start, group[0]!.end, localName(side));
    }
    if (needed.size === 0) continue;
    const lines = [...needed].sort().map((side) => {
      const name = localName(side);
      return `import { env${name === 'env' ? '' : ` as ${name}`} } from '${specifier(file, modules[side])}';`;
    });
    insertImportLines(edits, program, lines);
    changeset.write(file, edits.apply());
  }

  declareDependency(project, changeset, pkg, 'zod', '3.25.0', `which ${dir}/ validates with`);
  if (serverOnly) declareServerOnly(project, changeset, pkg);
}

export async function plan({ project, changeset }: ProjectTransformContext): Promise<void> {
  for (const pkg of project.packages) if (pkg.next) await planPackage(project, changeset, pkg);
}
