import type { CallExpression, Expression, Node, Program, Statement, VariableDeclarator } from '@babel/types';
import type { JSCodeshift } from 'jscodeshift';
import { declareServerOnly } from './add-server-only.ts';
import { renamePublicVariables } from './rename-public-secret-env.ts';
import { clientGraph, moduleFacts, type ClientGraph } from '../src/analysis/client-graph.ts';
import type { Changeset } from '../src/engine/changeset.ts';
import { TextEdits, insertImportLines, relativeImport, removeUnusedBinding, sourceTree } from '../src/engine/codemod.ts';
import { PUBLIC_ENV_PREFIX, envRead } from '../src/analysis/env-reads.ts';
import { parseSource } from '../src/engine/parse.ts';
import { printSource } from '../src/engine/print-style.ts';
import { secretByName } from '../src/secrets/secret-shapes.ts';
import { newFileText, reindent } from '../src/engine/project-style.ts';
import { renderTemplate } from '../src/engine/templates.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { mergeVisitors, walk } from '../src/engine/walk.ts';
import { packageFor } from '../src/project/packages.ts';
import type { PackageInfo, Project } from '../src/project/types.ts';
import { meta } from './meta/move-secret-server-side.ts';
export { meta };

/** SDK constructors, by package, that take a secret: `new OpenAI({ apiKey })`. */
const SDK_CONSTRUCTORS: Record<string, string> = {
  openai: 'openai',
  '@anthropic-ai/sdk': 'anthropic',
  stripe: 'stripe',
  resend: 'resend',
};
const SUPABASE_PACKAGES = new Set(['@supabase/supabase-js']);
const SUPABASE_WRITES = /^(insert|update|upsert|delete|rpc)$/;
const SUPABASE_PRIVILEGED_NAMESPACES = /^(auth|storage|functions)$/;
const SERVICE_ROLE_KEY = /SERVICE_ROLE|sb_secret_|SUPABASE_SECRET/;
/** Globals the server has too; any other global (window, document, localStorage) pins a call to the browser. */
const SHARED_GLOBALS = new Set([
  'Math',
  'JSON',
  'Date',
  'Number',
  'String',
  'Boolean',
  'Object',
  'Array',
  'Promise',
  'URL',
  'URLSearchParams',
  'encodeURIComponent',
  'decodeURIComponent',
  'undefined',
  'NaN',
  'Infinity',
  'process',
  'console',
  'Error',
  'Intl',
  'AbortSignal',
  'Buffer',
  'crypto',
  'fetch',
  'Response',
  'Request',
  'Headers',
  'FormData',
  'Blob',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'structuredClone',
  'setTimeout',
  'clearTimeout',
]);
/** Browser globals whose value the browser can read and pass along: `window.location.origin`. */
const BROWSER_GLOBALS = new Set(['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'screen']);
const STRING_PROPERTIES = new Set([
  'origin',
  'href',
  'pathname',
  'hostname',
  'host',
  'search',
  'hash',
  'protocol',
  'userAgent',
  'language',
  'title',
  'referrer',
  'cookie',
]);

type Router = 'app' | 'pages';

interface SecretClient {
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

interface ServerFunction {
  name: string;
  router: Router;
  pkg: PackageInfo;
  slug: string;
  client: SecretClient | null;
  params: Array<{ name: string; type: string }>;
  /** Statements of the function body, without indentation; the last one returns the result, if any. */
  body: string[];
  returnsValue: boolean;
  imports: string[];
  typescript: boolean;
}

/** jscodeshift, loaded by `plan`: the scan never needs it. */
let j: JSCodeshift;

function isFunction(node: Node): boolean {
  return /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod)$/.test(node.type);
}

function topLevelDeclarators(program: Program): Array<{ statement: Statement; declarator: VariableDeclarator; exported: boolean }> {
  return program.body.flatMap((statement) => {
    const exported = statement.type === 'ExportNamedDeclaration';
    const declaration = exported ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') return [];
    return declaration.declarations.map((declarator) => ({ statement, declarator, exported }));
  });
}

/** `import X from 'pkg'` bindings of the file: local name → source. */
function importSources(program: Program): Map<string, { source: string; text: string; imported: string }> {
  const bindings = new Map<string, { source: string; text: string; imported: string }>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      const imported =
        specifier.type === 'ImportDefaultSpecifier'
          ? 'default'
          : specifier.type === 'ImportNamespaceSpecifier'
            ? '*'
            : specifier.imported.type === 'Identifier'
              ? specifier.imported.name
              : specifier.imported.value;
      bindings.set(specifier.local.name, { source: statement.source.value, imported, text: '' });
    }
  }
  return bindings;
}

function importLine(local: string, imported: string, source: string): string {
  if (imported === 'default') return `import ${local} from '${source}';`;
  if (imported === '*') return `import * as ${local} from '${source}';`;
  return `import { ${imported === local ? local : `${imported} as ${local}`} } from '${source}';`;
}

/** Every identifier read inside a node (not property keys, not member names). */
function referencedIdentifiers(root: Node): Array<{ name: string; node: Node }> {
  const found: Array<{ name: string; node: Node }> = [];
  walk(
    root,
    mergeVisitors([
      {
        Identifier(node, ancestors) {
          const parent = ancestors.at(-1);
          const name = (node as { name: string }).name;
          if (
            (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
            parent.property === node &&
            !parent.computed
          )
            return;
          if (
            (parent?.type === 'ObjectProperty' || parent?.type === 'ObjectMethod') &&
            parent.key === node &&
            !parent.computed &&
            !(parent.type === 'ObjectProperty' && parent.shorthand)
          )
            return;
          if (parent?.type?.startsWith('TS')) return;
          found.push({ name, node });
        },
      },
    ]),
  );
  return found;
}

/** The names a function declares: its parameters and every variable or function inside it. */
function declaredIn(fn: Node): Map<string, Node> {
  const names = new Map<string, Node>();
  const addPattern = (pattern: Node | null | undefined, holder: Node) => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') names.set(pattern.name, holder);
    else if (pattern.type === 'ObjectPattern')
      for (const p of pattern.properties) addPattern(p.type === 'RestElement' ? p.argument : (p.value as Node), holder);
    else if (pattern.type === 'ArrayPattern') pattern.elements.forEach((element) => addPattern(element, holder));
    else if (pattern.type === 'AssignmentPattern') addPattern(pattern.left, holder);
    else if (pattern.type === 'RestElement') addPattern(pattern.argument, holder);
  };
  for (const param of (fn as { params: Node[] }).params) addPattern(param, param);
  walk(
    (fn as { body: Node }).body,
    mergeVisitors([
      {
        VariableDeclarator(node) {
          addPattern((node as VariableDeclarator).id, node);
        },
        FunctionDeclaration(node) {
          const id = (node as { id?: { name: string } }).id;
          if (id) names.set(id.name, node);
        },
      },
    ]),
  );
  return names;
}

/** A parameter's type from what declares it: an annotation, a literal, or `useState(literal)`. */
function typeOf(name: string, holder: Node, source: string): string {
  const annotationOf = (node: Node | null | undefined): string | null => {
    const annotation = (node as { typeAnnotation?: { typeAnnotation?: Node } } | null)?.typeAnnotation?.typeAnnotation;
    return annotation ? source.slice(annotation.start!, annotation.end!) : null;
  };
  const literalType = (node: Node | null | undefined): string | null => {
    if (!node) return null;
    if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') return 'string';
    if (node.type === 'NumericLiteral') return 'number';
    if (node.type === 'BooleanLiteral') return 'boolean';
    return null;
  };
  if (holder.type === 'Identifier' || holder.type === 'AssignmentPattern')
    return (
      annotationOf(holder.type === 'AssignmentPattern' ? holder.left : holder) ??
      literalType(holder.type === 'AssignmentPattern' ? holder.right : null) ??
      'any'
    );
  if (holder.type === 'ObjectPattern') {
    // `({ priceId }: { priceId: string })`: the member of the annotated type.
    const literal = (holder.typeAnnotation as { typeAnnotation?: Node } | null)?.typeAnnotation;
    if (literal?.type === 'TSTypeLiteral') {
      const member = literal.members.find((m) => m.type === 'TSPropertySignature' && m.key.type === 'Identifier' && m.key.name === name);
      const annotation = (member as { typeAnnotation?: { typeAnnotation?: Node } } | undefined)?.typeAnnotation?.typeAnnotation;
      if (annotation) return source.slice(annotation.start!, annotation.end!);
    }
    return 'any';
  }
  if (holder.type === 'VariableDeclarator') {
    if (holder.id.type === 'Identifier') return annotationOf(holder.id) ?? literalType(holder.init) ?? 'any';
    const init = holder.init;
    if (
      holder.id.type === 'ArrayPattern' &&
      init?.type === 'CallExpression' &&
      init.callee.type === 'Identifier' &&
      init.callee.name === 'useState'
    ) {
      const first = holder.id.elements[0];
      if (first?.type === 'Identifier' && first.name === name) {
        const typeArgument = init.typeParameters?.params[0];
        if (typeArgument) return source.slice(typeArgument.start!, typeArgument.end!);
        return literalType(init.arguments[0] as Node) ?? 'any';
      }
    }
  }
  return 'any';
}

function pascal(words: string[]): string {
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

function singular(word: string): string {
  return word.endsWith('ies')
    ? `${word.slice(0, -3)}y`
    : word.endsWith('ses')
      ? word.slice(0, -2)
      : word.endsWith('s') && !word.endsWith('ss')
        ? word.slice(0, -1)
        : word;
}

function camelWords(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The members and calls from the root identifier out to the outermost call: `openai.chat.completions.create(…)`. */
function callChain(call: CallExpression): { root: string | null; members: string[]; calls: CallExpression[] } {
  const members: string[] = [];
  const calls: CallExpression[] = [];
  let current: Node = call;
  for (;;) {
    if (current.type === 'CallExpression' || current.type === 'OptionalCallExpression') {
      calls.unshift(current as CallExpression);
      current = current.callee;
    } else if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') {
      members.unshift(!current.computed && current.property.type === 'Identifier' ? current.property.name : '');
      current = current.object;
    } else if (current.type === 'TSNonNullExpression') {
      current = current.expression;
    } else break;
  }
  return { root: current.type === 'Identifier' ? current.name : null, members, calls };
}

function nameForSdkCall(call: CallExpression): string {
  const { members, calls } = callChain(call);
  const supabaseWrite = members.find((member) => SUPABASE_WRITES.test(member));
  if (supabaseWrite) {
    const from = calls.find(
      (c) => c.callee.type === 'MemberExpression' && c.callee.property.type === 'Identifier' && c.callee.property.name === 'from',
    );
    const table = from?.arguments[0]?.type === 'StringLiteral' ? from.arguments[0].value : 'row';
    return `${supabaseWrite}${pascal(camelWords(table).map((w, i, all) => (i === all.length - 1 ? singular(w) : w)))}`;
  }
  const named = members.filter(Boolean);
  const verb = named.at(-1) ?? 'call';
  const nouns = named.slice(0, -1).flatMap(camelWords);
  if (nouns.length > 0) nouns[nouns.length - 1] = singular(nouns.at(-1)!);
  return `${verb}${pascal(nouns)}`;
}

function nameForFetch(call: CallExpression, source: string): { name: string; slug: string } {
  const url = call.arguments[0] as Node | undefined;
  const text = url ? source.slice(url.start!, url.end!) : '';
  const host = /https?:\/\/([^/'"`$]+)/.exec(text)?.[1] ?? '';
  const parts = host.split('.').filter((part) => !/^(www|api|com|org|net|io|co|dev|ai)$/.test(part));
  const service = parts.at(-1) ?? 'external';
  return { name: `fetch${pascal(camelWords(service))}`, slug: camelWords(service).join('-') || 'external' };
}

/** Rewrites the text of an expression for the server: secret variables lose their public prefix. */
function forServer(text: string, variables: Set<string>): string {
  return text.replace(/\b(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_)(\w+)/g, (whole, _prefix: string, rest: string) => {
    if (!secretByName(whole)) return whole;
    variables.add(whole);
    return rest;
  });
}

/** `dangerouslyAllowBrowser: true` has no place on the server: the property goes with its comma. */
function dropBrowserFlag(init: Node, edits: TextEdits): void {
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
function dedent(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

/** The member chain a browser global starts, up to its last property read: `window.location.origin`. */
function memberChainAbove(node: Node, within: Node): { start: number; end: number; property: string | null } {
  let best: { start: number; end: number; property: string | null } = { start: node.start!, end: node.end!, property: null };
  walk(
    within,
    mergeVisitors([
      {
        MemberExpression(member, ancestors) {
          const outer = ancestors.at(-1);
          if ((outer?.type === 'CallExpression' || outer?.type === 'OptionalCallExpression') && outer.callee === member) return;
          let root: Node = member;
          while (root.type === 'MemberExpression') root = root.object;
          if (root !== node || member.type !== 'MemberExpression' || member.computed || member.property.type !== 'Identifier') return;
          if (member.end! - member.start! > best.end - best.start)
            best = { start: member.start!, end: member.end!, property: member.property.name };
        },
      },
    ]),
  );
  return best;
}

function envReadsIn(node: Node): string[] {
  const names: string[] = [];
  walk(
    node,
    mergeVisitors([
      {
        MemberExpression(member) {
          const name = envRead(member);
          if (name) names.push(name);
        },
      },
    ]),
  );
  return names;
}

class Planner {
  private readonly graph: ClientGraph;
  private readonly functions: ServerFunction[] = [];
  private readonly usedNames = new Set<string>();
  private readonly edits = new Map<string, TextEdits>();
  private readonly newImports = new Map<string, Set<string>>();
  private readonly clearedBindings = new Map<string, Set<string>>();
  readonly secretVariables = new Set<string>();
  readonly rotate = new Set<string>();
  readonly anonSwitches: SecretClient[] = [];
  /** New server files with no session check shipshape could write. */
  readonly unguarded: string[] = [];

  constructor(
    private readonly project: Project,
    private readonly changeset: Changeset,
  ) {
    this.graph = clientGraph(project);
  }

  private editsFor(file: string, source: string): TextEdits {
    let edits = this.edits.get(file);
    if (!edits) {
      edits = new TextEdits(source, file);
      this.edits.set(file, edits);
    }
    return edits;
  }

  private routerFor(file: string): Router | null {
    const chain = this.graph.chain(file);
    if (!chain) return null;
    const pkg = packageFor(this.project.packages, file);
    if (!pkg?.next) return null;
    if (chain.endsWith('(Pages Router page)')) return 'pages';
    return pkg.routers.some((router) => router.endsWith('app')) ? 'app' : null;
  }

  private uniqueName(base: string): string {
    let name = base;
    for (let n = 2; this.usedNames.has(name); n++) name = `${base}${n}`;
    this.usedNames.add(name);
    return name;
  }

  /** Module-level SDK clients built in a file: `const openai = new OpenAI({ … })`. */
  findClients(file: string): SecretClient[] {
    const source = this.changeset.read(file);
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

  /** Files that use a client: its own file and the client files importing it by name, with the local name. */
  private usersOf(client: SecretClient): Array<{ file: string; local: string }> {
    const users = [{ file: client.file, local: client.name }];
    for (const importer of this.graph.importers(client.file)) {
      if (!this.graph.isClient(importer)) continue;
      const source = this.changeset.read(importer);
      if (source === null) continue;
      const program = parseSource(importer, source).program;
      for (const statement of program.body) {
        if (statement.type !== 'ImportDeclaration' || this.graph.resolve(importer, statement.source.value) !== client.file) continue;
        for (const specifier of statement.specifiers) {
          if (
            specifier.type === 'ImportSpecifier' &&
            (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) === client.name
          ) {
            users.push({ file: importer, local: specifier.local.name });
          }
        }
      }
    }
    return users;
  }

  moveClientCalls(client: SecretClient): void {
    let keptReads = false;
    for (const { file, local } of this.usersOf(client)) {
      if (!this.graph.isClient(file)) continue;
      const source = this.changeset.read(file)!;
      const ast = parseSource(file, source);
      const router = this.routerFor(file);
      const sites: Array<{ call: CallExpression; ancestors: Node[] }> = [];
      walk(
        ast,
        mergeVisitors([
          {
            CallExpression(node, ancestors) {
              const call = node as CallExpression;
              const parent = ancestors.at(-1);
              // Only the outermost call of a chain: `supabase.from('t').delete().eq('id', id)` moves whole.
              if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === node) return;
              if (callChain(call).root === local) sites.push({ call, ancestors: [...ancestors] });
            },
          },
        ]),
      );
      for (const { call, ancestors } of sites) {
        const { members } = callChain(call);
        if (client.serviceRole && !members.some((m) => SUPABASE_WRITES.test(m) || SUPABASE_PRIVILEGED_NAMESPACES.test(m))) {
          keptReads = true;
          continue;
        }
        this.moveCall(file, source, call, ancestors, router, client, nameForSdkCall(call), client.slug);
      }
      this.clearedBindings.set(file, new Set([...(this.clearedBindings.get(file) ?? []), local]));
    }
    if (client.serviceRole && keptReads) this.anonSwitches.push(client);
    // A key written into the code shipped as it is; a public variable's rotation is the rename's to list.
    if (client.serviceRole && client.secretVariables.length === 0 && /sb_secret_|['"]eyJ/.test(client.constructorText))
      this.rotate.add('the Supabase service-role key');
  }

  moveFetchCalls(file: string): void {
    if (!this.graph.isClient(file)) return;
    const source = this.changeset.read(file);
    if (source === null) return;
    const ast = parseSource(file, source);
    const router = this.routerFor(file);
    walk(
      ast,
      mergeVisitors([
        {
          CallExpression: (node, ancestors) => {
            const call = node as CallExpression;
            if (call.callee.type !== 'Identifier' || call.callee.name !== 'fetch') return;
            const secrets = call.arguments.flatMap((argument) => envReadsIn(argument as Node)).filter(secretByName);
            if (secrets.length === 0) return;
            const { name, slug } = nameForFetch(call, source);
            this.moveCall(file, source, call, [...ancestors], router, null, name, slug);
          },
        },
      ]),
    );
  }

  /** Replaces one call in client code with a call to a new server function that makes it. */
  private moveCall(
    file: string,
    source: string,
    call: CallExpression,
    ancestors: Node[],
    router: Router | null,
    client: SecretClient | null,
    baseName: string,
    slug: string,
  ): void {
    const edits = this.editsFor(file, source);
    const statementStart =
      [...ancestors].reverse().find((node) => /Statement$|Declaration$/.test(node.type) && node.type !== 'VariableDeclarator')?.start ??
      call.start!;
    const pkg = packageFor(this.project.packages, file);
    if (!router || !pkg) {
      edits.todoAbove(
        statementStart,
        'move this call to server code: its secret must not reach the browser, and this app has no server routes to call',
      );
      return;
    }
    const functions = ancestors.filter(isFunction);
    if (functions.length === 0) {
      edits.todoAbove(statementStart, 'move this call into server code and call that from the browser');
      return;
    }
    // Values the call reads from the component become parameters; module imports travel along.
    const program = ancestors[0]!.type === 'File' ? (ancestors[0] as { program: Program }).program : (ancestors[0] as Program);
    const imports = importSources(program);
    const params: Array<{ name: string; type: string }> = [];
    const argumentsText = new Map<string, string>();
    const serverImports: string[] = [];
    const variables = new Set<string>();
    const browserValues: Array<{ start: number; end: number; name: string }> = [];
    for (const { name, node } of referencedIdentifiers(call)) {
      if (client && name === callChain(call).root) continue;
      if (browserValues.some((value) => node.start! >= value.start && node.end! <= value.end)) continue;
      if (BROWSER_GLOBALS.has(name) && !functions.some((fn) => declaredIn(fn).has(name))) {
        // The browser reads `window.location.origin` and passes the value.
        const chain = memberChainAbove(node, call);
        const property = chain.property ?? name;
        if (!params.some((p) => p.name === property))
          params.push({ name: property, type: STRING_PROPERTIES.has(property) ? 'string' : 'any' });
        browserValues.push({ start: chain.start, end: chain.end, name: property });
        argumentsText.set(property, source.slice(chain.start, chain.end));
        continue;
      }
      if (params.some((p) => p.name === name)) continue;
      const holder = functions
        .map(declaredIn)
        .reverse()
        .find((declared) => declared.has(name))
        ?.get(name);
      if (holder) {
        if (holder.type === 'FunctionDeclaration') {
          edits.todoAbove(statementStart, `move this call to server code by hand: it uses the function ${name}`);
          return;
        }
        params.push({ name, type: typeOf(name, holder, source) });
        continue;
      }
      const binding = imports.get(name);
      if (binding) {
        const target = binding.source.startsWith('.') ? this.graph.resolve(file, binding.source) : null;
        const serverFile = this.serverFile(router, pkg, slug, baseName);
        const from = target ? relativeImport(serverFile, target) : binding.source;
        serverImports.push(importLine(name, binding.imported, from));
        continue;
      }
      if (topLevelDeclarators(program).some(({ declarator }) => declarator.id.type === 'Identifier' && declarator.id.name === name)) {
        params.push({ name, type: 'any' });
        continue;
      }
      if (!SHARED_GLOBALS.has(name)) {
        edits.todoAbove(statementStart, `move this call to server code by hand: it uses the browser's ${name}`);
        return;
      }
    }
    const name = this.uniqueName(baseName);
    const typescript = /\.[cm]?tsx?$/.test(file);
    const lineIndent = new TextEdits(source).indentAt(statementStart);
    // Browser values inside the call become the parameters that carry them.
    const local = new TextEdits(source);
    for (const value of browserValues) local.replace(value.start, value.end, value.name);
    const localized = local.apply();
    const localizedCall = localized.slice(call.start!, localized.length - (source.length - call.end!));
    const serverCall = forServer(
      dedent(client ? `${client.name}${localizedCall.slice(callChain(call).root!.length)}` : localizedCall, lineIndent),
      variables,
    );
    const body: string[] = [];
    const parent = ancestors.at(-1);
    const holder = ancestors.at(-2);
    const replaceStart = call.start!;
    const replaceEnd = call.end!;
    const argumentList = params.map((p) => (argumentsText.has(p.name) ? argumentsText.get(p.name)! : p.name)).join(', ');
    const argumentObject = params.map((p) => (argumentsText.has(p.name) ? `${p.name}: ${argumentsText.get(p.name)}` : p.name)).join(', ');
    if (!client) {
      // A fetch: the browser keeps reading `ok`, `status` and the parsed body.
      const reader = this.fetchReader(source, call, parent, holder, ancestors);
      if (!reader) {
        edits.todoAbove(
          statementStart,
          'move this fetch to server code by hand: its response is used in a way a server function cannot return',
        );
        return;
      }
      for (const edit of reader.edits) edits.replace(edit.start, edit.end, edit.text);
      body.push(
        `const response = await ${serverCall};`,
        'return { ok: response.ok, status: response.status, body: await response.json() };',
      );
    } else {
      const returned = this.returnedPath(source, call, parent, holder, ancestors);
      for (const edit of returned.edits) edits.replace(edit.start, edit.end, edit.text);
      if (returned.expression === null) body.push(`await ${serverCall};`);
      else body.push(`const result = await ${serverCall};`, `return result${returned.expression};`);
    }
    for (const variable of variables) this.secretVariables.add(variable);
    const returnsValue = body.at(-1)!.startsWith('return ');
    const fn: ServerFunction = {
      name,
      router,
      pkg,
      slug,
      client,
      params: params.map((p) => ({ name: p.name, type: typescript ? p.type : '' })),
      body,
      returnsValue,
      imports: serverImports,
      typescript,
    };
    this.functions.push(fn);
    if (router === 'app') {
      edits.replace(replaceStart, replaceEnd, `${name}(${argumentList})`);
      const from = relativeImport(file, this.serverFile(router, pkg, slug, name));
      (this.newImports.get(file) ?? this.newImports.set(file, new Set()).get(file)!).add(`import { ${name} } from '${from}';`);
    } else {
      const route = `/${this.serverFile(router, pkg, slug, name)
        .replace(/^(.*\/)?pages\//, '')
        .replace(/\.[jt]s$/, '')}`;
      const post = `fetch('${route}', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ${argumentObject} }) })`;
      edits.replace(replaceStart, replaceEnd, returnsValue ? `${post}.then((response) => response.json())` : post);
    }
  }

  /**
   * `const completion = await client.call(…)` whose every use reads `completion.choices[0]?.message.content`:
   * the server returns just that, and the browser's uses read the value itself.
   */
  private returnedPath(
    source: string,
    call: Node,
    parent: Node | undefined,
    holder: Node | undefined,
    ancestors: Node[],
  ): { expression: string | null; edits: Array<{ start: number; end: number; text: string }> } {
    if (parent?.type === 'AwaitExpression' && holder?.type === 'ExpressionStatement') return { expression: null, edits: [] };
    if (parent?.type !== 'AwaitExpression' || holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier')
      return { expression: '', edits: [] };
    const name = holder.id.name;
    const scope = [...ancestors].reverse().find(isFunction)!;
    const paths: Array<{ start: number; end: number; segments: string[] }> = [];
    let whole = false;
    walk(
      (scope as { body: Node }).body,
      mergeVisitors([
        {
          Identifier(node, nodeAncestors) {
            if ((node as { name: string }).name !== name || node === holder.id) return;
            const up = nodeAncestors.at(-1);
            if ((up?.type === 'MemberExpression' || up?.type === 'OptionalMemberExpression') && up.property === node && !up.computed)
              return;
            const segments: string[] = [];
            let end = node.end!;
            for (let i = nodeAncestors.length - 1; i >= 0; i--) {
              const member = nodeAncestors[i]!;
              const inner = i === nodeAncestors.length - 1 ? node : nodeAncestors[i + 1]!;
              if (!((member.type === 'MemberExpression' || member.type === 'OptionalMemberExpression') && member.object === inner)) break;
              const outer = nodeAncestors[i - 1];
              if ((outer?.type === 'CallExpression' || outer?.type === 'OptionalCallExpression') && outer.callee === member) break;
              segments.push(source.slice(end, member.end!));
              end = member.end!;
            }
            if (segments.length === 0) whole = true;
            paths.push({ start: node.start!, end, segments });
          },
        },
      ]),
    );
    if (whole || paths.length === 0) return { expression: '', edits: [] };
    const common: string[] = [];
    for (let i = 0; paths.every((p) => p.segments[i] !== undefined && p.segments[i] === paths[0]!.segments[i]); i++)
      common.push(paths[0]!.segments[i]!);
    if (common.length === 0) return { expression: '', edits: [] };
    const edits = paths.map((p) => ({ start: p.start, end: p.start + name.length + common.join('').length, text: name }));
    return { expression: common.join(''), edits };
  }

  /** `const res = await fetch(…)` read through `res.json()`, `res.ok` and `res.status` only. */
  private fetchReader(
    source: string,
    call: Node,
    parent: Node | undefined,
    holder: Node | undefined,
    ancestors: Node[],
  ): { edits: Array<{ start: number; end: number; text: string }> } | null {
    if (parent?.type !== 'AwaitExpression' || holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') return null;
    const name = holder.id.name;
    const scope = [...ancestors].reverse().find(isFunction)!;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    let unsupported = false;
    walk(
      (scope as { body: Node }).body,
      mergeVisitors([
        {
          Identifier(node, nodeAncestors) {
            if ((node as { name: string }).name !== name || node === holder.id) return;
            const member = nodeAncestors.at(-1);
            if ((member?.type === 'MemberExpression' || member?.type === 'OptionalMemberExpression') && member.property === node) return;
            if (member?.type !== 'MemberExpression' || member.object !== node || member.property.type !== 'Identifier') {
              unsupported = true;
              return;
            }
            const property = member.property.name;
            const outer = nodeAncestors.at(-2);
            if (property === 'json' && outer?.type === 'CallExpression' && outer.callee === member)
              edits.push({ start: outer.start!, end: outer.end!, text: `${name}.body` });
            else if (property !== 'ok' && property !== 'status') unsupported = true;
          },
        },
      ]),
    );
    return unsupported ? null : { edits };
  }

  private serverFile(router: Router, pkg: PackageInfo, slug: string, name: string): string {
    const prefix = pkg.dir ? `${pkg.dir}/` : '';
    const src = pkg.routers.some((r) => r.startsWith('src/')) ? 'src/' : '';
    if (router === 'app') return `${prefix}${src}app/actions/${slug}.ts`;
    return `${prefix}${src}pages/api/${slug}/${kebab(name)}.ts`;
  }

  /** Writes the server modules, rewrites the browser files, and drops what they no longer use. */
  async finish(): Promise<string[]> {
    const written: string[] = [];
    const groups = new Map<string, ServerFunction[]>();
    for (const fn of this.functions) {
      const file = this.serverFile(fn.router, fn.pkg, fn.slug, fn.name);
      (groups.get(file) ?? groups.set(file, []).get(file)!).push(fn);
    }
    for (const [file, fns] of groups) {
      const clients = [...new Map(fns.flatMap((fn) => (fn.client ? [[fn.client.name, fn.client] as const] : []))).values()];
      const auth = authCheck(this.project, fns[0]!.pkg, fns[0]!.router, file);
      const imports = [...new Set([...clients.flatMap((c) => c.imports), ...fns.flatMap((fn) => fn.imports), ...(auth?.imports ?? [])])];
      if (!auth) this.unguarded.push(typescriptTarget(file, fns[0]!.typescript));
      const indent = (lines: string[]) =>
        lines
          .flatMap((line) => line.split('\n'))
          .map((line) => (line ? `  ${line}` : line))
          .join('\n');
      const typescript = fns[0]!.typescript;
      const target = typescriptTarget(file, typescript);
      let content: string;
      if (fns[0]!.router === 'app') {
        content = renderTemplate('code/server-action.ts', {
          imports,
          clients: clients.map((c) => ({ name: c.name, constructor: c.constructorText })),
          functions: fns.map((fn) => ({
            name: fn.name,
            params: fn.params.map((p) => (p.type ? `${p.name}: ${p.type}` : p.name)).join(', '),
            body: indent(fn.body),
            authCheck: auth ? indent(auth.lines) : null,
          })),
        });
      } else {
        const fn = fns[0]!;
        const last = fn.body.at(-1)!;
        const body = fn.returnsValue
          ? [...fn.body.slice(0, -1), `res.status(200).json(${last.replace(/^return /, '').replace(/;$/, '')} ?? null);`]
          : [...fn.body, 'res.status(204).end();'];
        content = renderTemplate('code/api-route.ts', {
          typescript,
          imports,
          clients: clients.map((c) => ({ name: c.name, constructor: c.constructorText })),
          params: fn.params.length > 0,
          paramNames: fn.params.map((p) => p.name).join(', '),
          paramTypes: fn.params.map((p) => `${p.name}: ${p.type || 'unknown'}`).join('; '),
          body: indent(body),
          authCheck: auth ? indent(auth.lines) : null,
        });
      }
      if (this.changeset.read(target) !== null) throw new Error(`${target} already exists; move the call by hand or rename that file`);
      // Snippets of a CRLF or tab-indented module in an LF, space-indented template: one style, the project's, for the new file.
      const spaced = reindent(content.replace(/\r\n/g, '\n'), target, (indent) => indent.replace(/\t/g, '  '));
      this.changeset.write(target, await newFileText(this.project, target, spaced));
      written.push(target);
    }
    for (const [file, edits] of this.edits) {
      let text = edits.apply();
      const added = [...(this.newImports.get(file) ?? [])];
      const root = sourceTree(j, text);
      for (const local of this.clearedBindings.get(file) ?? []) removeUnusedBinding(j, root, local);
      text = printSource(root, text, file);
      const missing = added.filter((line) => !text.includes(line));
      if (missing.length > 0) {
        const withImports = new TextEdits(text, file);
        insertImportLines(withImports, parseSource(file, text).program, missing);
        text = withImports.apply();
      }
      this.changeset.write(file, text);
    }
    return written;
  }

  /** A client nothing uses any more goes, with its import; a file left with nothing goes too. */
  dropUnusedClient(client: SecretClient): void {
    const source = this.changeset.read(client.file);
    if (source === null) return;
    const stillImported = this.graph.importers(client.file).some((importer) => {
      const text = this.changeset.read(importer);
      if (text === null) return false;
      return (
        moduleFacts(text).imports.some(({ specifier }) => this.graph.resolve(importer, specifier) === client.file) &&
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
    if (meaningful === '' && !this.project.files.some((file) => file !== client.file && this.importsFile(file, client.file)))
      this.changeset.delete(client.file);
    else this.changeset.write(client.file, text);
  }

  private importsFile(file: string, target: string): boolean {
    const text = this.changeset.read(file);
    if (text === null || !/\.[cm]?[jt]sx?$/.test(file)) return false;
    return moduleFacts(text).imports.some(({ specifier }) => this.graph.resolve(file, specifier) === target);
  }

  /** Reads keep the client, with the anon key: row level security applies to them again. */
  switchToAnonKey(client: SecretClient, anonVariable: string): void {
    const source = this.changeset.read(client.file)!;
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
    this.changeset.write(client.file, edits.apply());
  }
}

/** Removes the whole lines a statement spans. */
function removeLines(edits: TextEdits, node: Node): void {
  const start = edits.source.lastIndexOf('\n', node.start! - 1) + 1;
  const newline = edits.source.indexOf('\n', node.end!);
  edits.replace(start, newline < 0 ? edits.source.length : newline + 1, '');
}

function typescriptTarget(file: string, typescript: boolean): string {
  return typescript ? file : file.replace(/\.ts$/, '.js');
}

/**
 * The session check a new server function starts with, from the auth library the app uses:
 * Clerk, or Auth.js (next-auth 5) with its root `auth.ts`. Null where none can be inferred.
 */
function authCheck(project: Project, pkg: PackageInfo, router: Router, serverFile: string): { imports: string[]; lines: string[] } | null {
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  if ('@clerk/nextjs' in all) {
    return router === 'app'
      ? {
          imports: ["import { auth } from '@clerk/nextjs/server';"],
          lines: ['const { userId } = await auth();', "if (!userId) throw new Error('Not signed in');"],
        }
      : {
          imports: ["import { getAuth } from '@clerk/nextjs/server';"],
          lines: [
            'const { userId } = getAuth(req);',
            'if (!userId) {',
            "  res.status(401).json({ error: 'Not signed in' });",
            '  return;',
            '}',
          ],
        };
  }
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const authFile = ['auth.ts', 'src/auth.ts', 'auth.js', 'src/auth.js']
    .map((file) => `${prefix}${file}`)
    .find((file) => project.files.includes(file));
  if (router === 'app' && 'next-auth' in all && authFile) {
    return {
      imports: [`import { auth } from '${relativeImport(serverFile, authFile)}';`],
      lines: ['const session = await auth();', "if (!session?.user) throw new Error('Not signed in');"],
    };
  }
  return null;
}

function anonVariableFor(project: Project): string {
  const anon = project.envFiles
    .flatMap((env) => env.variables)
    .find((v) => v.jwtRole === 'anon' || /^(NEXT_PUBLIC_|VITE_|EXPO_PUBLIC_|REACT_APP_)SUPABASE_(ANON|PUBLISHABLE)_KEY$/.test(v.name));
  return anon?.name ?? 'NEXT_PUBLIC_SUPABASE_ANON_KEY';
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.fix?.id === meta.id);
  if (relevant.length === 0) return;
  j ??= (await import('jscodeshift')).default.withParser('tsx');
  const planner = new Planner(project, changeset);
  const files = [...new Set(relevant.map((f) => f.file))].sort();
  const clients = files.flatMap((file) => planner.findClients(file));
  for (const client of clients) planner.moveClientCalls(client);
  for (const file of files) planner.moveFetchCalls(file);
  const written = await planner.finish();
  const anonVariable = anonVariableFor(project);
  for (const client of clients) {
    if (planner.anonSwitches.includes(client)) planner.switchToAnonKey(client, anonVariable);
    else planner.dropUnusedClient(client);
  }
  const secretVariables = [...new Set([...planner.secretVariables, ...clients.flatMap((c) => c.secretVariables)])];
  renamePublicVariables(project, changeset, secretVariables, true);
  if (written.length === 0) return;
  for (const pkg of new Set(written.filter((file) => file.includes('/actions/')).map((file) => packageFor(project.packages, file)!)))
    declareServerOnly(project, changeset, pkg);
  for (const variable of [...planner.rotate].sort())
    changeset.followUp({ kind: 'secret', message: `rotate ${variable}: it was in browser code` });
  if (planner.unguarded.length > 0)
    changeset.followUp({
      kind: 'manual',
      message: `check the caller's session in each new server function (${planner.unguarded.join(', ')})`,
    });
  else
    changeset.followUp({
      kind: 'manual',
      message: `the new server functions require a signed-in user; check that each user may do what they ask (${written.join(', ')})`,
    });
}
