import type { Expression, Node, Statement } from '@babel/types';
import type { JSCodeshift } from 'jscodeshift';
import { moduleFacts, type ClientGraph } from '../../src/analysis/client-graph.ts';
import { PUBLIC_ENV_PREFIX } from '../../src/analysis/env-reads.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import { TextEdits, removeUnusedBinding, sourceTree } from '../../src/engine/codemod.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { printSource } from '../../src/engine/print-style.ts';
import type { Project } from '../../src/project/types.ts';
import { secretByName } from '../../src/secrets/secret-shapes.ts';
import { envReadsIn, importLine, importSources, referencedIdentifiers, topLevelDeclarators } from './scope.ts';

/** What every step of the plan shares: the project, the changes so far, who imports whom, and jscodeshift. */
export interface PlanContext {
  project: Project;
  changeset: Changeset;
  graph: ClientGraph;
  j: JSCodeshift;
}

/** SDK constructors, by package, that take a secret: `new OpenAI({ apiKey })`. */
const SDK_CONSTRUCTORS: Record<string, string> = {
  openai: 'openai',
  '@anthropic-ai/sdk': 'anthropic',
  stripe: 'stripe',
  resend: 'resend',
};
const SUPABASE_PACKAGES = new Set(['@supabase/supabase-js']);
const SERVICE_ROLE_KEY = /SERVICE_ROLE|sb_secret_|SUPABASE_SECRET/;

export interface SecretClient {
  file: string;
  name: string;
  slug: string;
  /** The constructor, ready for the server: secret variables unprefixed, browser flags dropped. */
  constructorText: string;
  imports: string[];
  serviceRole: boolean;
  declaration: Statement;
  secretVariables: string[];
}

/** Rewrites the text of an expression for the server: secret variables lose their public prefix. */
export function forServer(text: string, variables: Set<string>): string {
  return text.replace(/\b(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_)(\w+)/g, (whole, _prefix: string, rest: string) => {
    if (!secretByName(whole)) return whole;
    variables.add(whole);
    return rest;
  });
}

/** `dangerouslyAllowBrowser: true` has no place on the server: the property goes with its comma. */
export function dropBrowserFlag(init: Node, edits: TextEdits): void {
  const options = (init as { arguments?: Node[] }).arguments?.[0];
  if (options?.type !== 'ObjectExpression') return;
  const index = options.properties.findIndex(
    (p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'dangerouslyAllowBrowser',
  );
  if (index < 0) return;
  const property = options.properties[index]!;
  const next = options.properties[index + 1];
  const previous = options.properties[index - 1];
  if (next) edits.replace(property.start!, next.start!, '');
  else if (previous) {
    const tail = edits.source.slice(property.end!, options.end! - 1);
    const comma = /^\s*,/.exec(tail)?.[0].length ?? 0;
    const hadTrailingComma = edits.source.slice(previous.end!, property.start!).includes(',');
    edits.replace(previous.end!, property.end! + comma, hadTrailingComma && comma > 0 ? ',' : '');
  } else edits.replace(options.start!, options.end!, '{}');
}

/** Moves a multi-line snippet from its old indentation to none: its first line starts at column 0 already. */
export function dedent(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

/** Module-level SDK clients built in a file: `const openai = new OpenAI({ … })`. */
export function findClients(changeset: Changeset, file: string): SecretClient[] {
  const source = changeset.read(file);
  if (source === null) return [];
  const program = parseSource(file, source).program;
  const imports = importSources(program);
  const constants = new Map(
    topLevelDeclarators(program).flatMap(({ declarator }) =>
      declarator.id.type === 'Identifier' && declarator.init ? [[declarator.id.name, declarator.init] as const] : [],
    ),
  );
  const clients: SecretClient[] = [];
  for (const { statement, declarator } of topLevelDeclarators(program)) {
    if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
    const init = declarator.init;
    let slug: string | null = null;
    let serviceRole = false;
    let ctor: string | null = null;
    if (init.type === 'NewExpression' && init.callee.type === 'Identifier') {
      const binding = imports.get(init.callee.name);
      if (binding && SDK_CONSTRUCTORS[binding.source]) {
        slug = SDK_CONSTRUCTORS[binding.source]!;
        ctor = init.callee.name;
      }
    } else if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'createClient') {
      const binding = imports.get('createClient');
      const key = init.arguments[1] as Node | undefined;
      const keyText = key ? source.slice(key.start!, key.end!) : '';
      const resolved =
        key?.type === 'Identifier' && constants.get(key.name)
          ? source.slice(constants.get(key.name)!.start!, constants.get(key.name)!.end!)
          : keyText;
      if (binding && SUPABASE_PACKAGES.has(binding.source) && SERVICE_ROLE_KEY.test(resolved)) {
        slug = 'supabase-admin';
        serviceRole = true;
        ctor = 'createClient';
      }
    }
    if (!slug || !ctor) continue;
    const binding = imports.get(ctor)!;
    const variables = new Set<string>();
    // Module constants the constructor reads travel with it, inlined.
    const edits = new TextEdits(source, file);
    for (const { name, node } of referencedIdentifiers(init)) {
      const constant = constants.get(name);
      if (constant && name !== ctor) edits.replace(node.start!, node.end!, source.slice(constant.start!, constant.end!));
    }
    dropBrowserFlag(init, edits);
    const edited = edits.apply();
    const text = forServer(
      dedent(edited.slice(init.start!, edited.length - (source.length - init.end!)), edits.indentAt(init.start!)),
      variables,
    );
    for (const name of envReadsIn(init)) if (PUBLIC_ENV_PREFIX.test(name) && secretByName(name)) variables.add(name);
    clients.push({
      file,
      name: declarator.id.name,
      slug,
      constructorText: text,
      imports: [importLine(ctor, binding.imported, binding.source)],
      serviceRole,
      declaration: statement,
      secretVariables: [...variables],
    });
  }
  return clients;
}

/** A client nothing uses any more goes, with its import; a file left with nothing goes too. */
export function dropUnusedClient(context: PlanContext, client: SecretClient): void {
  const { project, changeset, graph, j } = context;
  const source = changeset.read(client.file);
  if (source === null) return;
  const stillImported = graph.importers(client.file).some((importer) => {
    const text = changeset.read(importer);
    if (text === null) return false;
    return (
      moduleFacts(text).imports.some(({ specifier }) => graph.resolve(importer, specifier) === client.file) &&
      new RegExp(`\\b${client.name}\\b`).test(text)
    );
  });
  const root = sourceTree(j, source);
  const uses = root
    .find(j.Identifier, { name: client.name })
    .filter(
      (p) => !(p.parent?.node.type === 'VariableDeclarator' && p.parent.node.id === p.node) && p.parent?.node.type !== 'ExportSpecifier',
    );
  if (stillImported || uses.length > 0) return;
  root.find(j.VariableDeclarator, { id: { type: 'Identifier', name: client.name } }).forEach((p) => {
    const declaration = j(p).closest(j.VariableDeclaration);
    const exported = declaration.closest(j.ExportNamedDeclaration);
    if (declaration.get().node.declarations.length > 1) j(p).remove();
    else if (exported.length > 0) exported.remove();
    else declaration.remove();
  });
  const program = parseSource(client.file, source).program;
  const importedNames = [...importSources(program).keys()];
  for (const local of importedNames) removeUnusedBinding(j, root, local);
  for (const { declarator } of topLevelDeclarators(program)) {
    if (declarator.id.type !== 'Identifier') continue;
    const name = declarator.id.name;
    const remaining = root
      .find(j.Identifier, { name })
      .filter((p) => !(p.parent?.node.type === 'VariableDeclarator' && p.parent.node.id === p.node));
    const exported =
      root.find(j.ExportNamedDeclaration).filter((p) => j(p).find(j.VariableDeclarator, { id: { name } }).length > 0).length > 0;
    if (remaining.length === 0 && !exported)
      root.find(j.VariableDeclarator, { id: { type: 'Identifier', name } }).forEach((p) => {
        j(p).closest(j.VariableDeclaration).remove();
      });
  }
  for (const local of importedNames) removeUnusedBinding(j, root, local);
  const text = printSource(root, source, client.file);
  const meaningful = text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|['"]use (client|server)['"];?/g, '').trim();
  if (meaningful === '' && !project.files.some((file) => file !== client.file && importsFile(context, file, client.file)))
    changeset.delete(client.file);
  else changeset.write(client.file, text);
}

function importsFile({ changeset, graph }: PlanContext, file: string, target: string): boolean {
  const text = changeset.read(file);
  if (text === null || !/\.[cm]?[jt]sx?$/.test(file)) return false;
  return moduleFacts(text).imports.some(({ specifier }) => graph.resolve(file, specifier) === target);
}

/** Reads keep the client, with the anon key: row level security applies to them again. */
export function switchToAnonKey(changeset: Changeset, client: SecretClient, anonVariable: string): void {
  const source = changeset.read(client.file)!;
  const program = parseSource(client.file, source).program;
  const found = topLevelDeclarators(program).find(
    ({ declarator }) => declarator.id.type === 'Identifier' && declarator.id.name === client.name,
  );
  const init = found?.declarator.init;
  if (init?.type !== 'CallExpression') return;
  const key = init.arguments[1] as Expression;
  const edits = new TextEdits(source, client.file);
  edits.replace(key.start!, key.end!, `process.env.${anonVariable}${/\.[cm]?tsx?$/.test(client.file) ? '!' : ''}`);
  // The constant that held the service-role key goes once nothing else reads it.
  if (key.type === 'Identifier') {
    const holder = topLevelDeclarators(program).find(
      ({ declarator }) => declarator.id.type === 'Identifier' && declarator.id.name === key.name,
    );
    const readers = referencedIdentifiers(program).filter(
      ({ name, node }) => name === key.name && node !== key && node !== holder?.declarator.id,
    );
    if (holder && readers.length === 0 && holder.statement.type === 'VariableDeclaration' && holder.statement.declarations.length === 1)
      removeLines(edits, holder.statement);
  }
  changeset.write(client.file, edits.apply());
}

/** Removes the whole lines a statement spans. */
function removeLines(edits: TextEdits, node: Node): void {
  const start = edits.source.lastIndexOf('\n', node.start! - 1) + 1;
  const newline = edits.source.indexOf('\n', node.end!);
  edits.replace(start, newline < 0 ? edits.source.length : newline + 1, '');
}
