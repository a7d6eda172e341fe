import type { CallExpression, Node, Program } from '@babel/types';
import type { JSCodeshift } from 'jscodeshift';
import type { ClientGraph } from '../../src/analysis/client-graph.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import { TextEdits, insertImportLines, removeUnusedBinding, sourceTree } from '../../src/engine/codemod.ts';
import { moduleSpecifiers, type ModuleSpecifier } from '../../src/analysis/module-specifier.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { newFileText, reindent } from '../../src/engine/project-style.ts';
import { mergeVisitors, walk } from '../../src/engine/walk.ts';
import { packageFor } from '../../src/project/packages.ts';
import type { Project } from '../../src/project/types.ts';
import { secretByName } from '../../src/secrets/secret-shapes.ts';
import { fetchReader, returnedPath } from './call-results.ts';
import { dedent, forServer, type PlanContext, type SecretClient } from './clients.ts';
import { SUPABASE_WRITES, callChain, nameForFetch, nameForSdkCall } from './names.ts';
import {
  BROWSER_GLOBALS,
  SHARED_GLOBALS,
  STRING_PROPERTIES,
  declaredIn,
  envReadsIn,
  importLine,
  importSources,
  isFunction,
  memberChainAbove,
  referencedIdentifiers,
  topLevelDeclarators,
  typeOf,
} from './scope.ts';
import { renderServerModule, serverFile, type Router, type ServerFunction } from './server-module.ts';

const SUPABASE_PRIVILEGED_NAMESPACES = /^(auth|storage|functions)$/;

/** Collects the calls to move, then writes the server modules and the browser files that call them. */
export class Planner {
  private readonly project: Project;
  private readonly specifier: ModuleSpecifier;
  private readonly changeset: Changeset;
  private readonly graph: ClientGraph;
  private readonly j: JSCodeshift;
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

  constructor({ project, changeset, graph, j }: PlanContext) {
    this.project = project;
    this.changeset = changeset;
    this.specifier = moduleSpecifiers(project, changeset);
    this.graph = graph;
    this.j = j;
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
        const from = target ? this.specifier(serverFile(router, pkg, slug, baseName), target) : binding.source;
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
      const reader = fetchReader(source, call, parent, holder, ancestors);
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
      const returned = returnedPath(source, call, parent, holder, ancestors);
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
      const from = this.specifier(file, serverFile(router, pkg, slug, name));
      (this.newImports.get(file) ?? this.newImports.set(file, new Set()).get(file)!).add(`import { ${name} } from '${from}';`);
    } else {
      const route = `/${serverFile(router, pkg, slug, name)
        .replace(/^(.*\/)?pages\//, '')
        .replace(/\.[jt]s$/, '')}`;
      const post = `fetch('${route}', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ${argumentObject} }) })`;
      edits.replace(replaceStart, replaceEnd, returnsValue ? `${post}.then((response) => response.json())` : post);
    }
  }

  /** Writes the server modules, rewrites the browser files, and drops what they no longer use. */
  async finish(): Promise<string[]> {
    const written: string[] = [];
    const groups = new Map<string, ServerFunction[]>();
    for (const fn of this.functions) {
      const file = serverFile(fn.router, fn.pkg, fn.slug, fn.name);
      (groups.get(file) ?? groups.set(file, []).get(file)!).push(fn);
    }
    for (const [file, fns] of groups) {
      const { target, content, guarded } = renderServerModule(this.project, file, fns);
      if (!guarded) this.unguarded.push(target);
      if (this.changeset.read(target) !== null) throw new Error(`${target} already exists; move the call by hand or rename that file`);
      // Snippets of a CRLF or tab-indented module in an LF, space-indented template: one style, the project's, for the new file.
      const spaced = reindent(content.replace(/\r\n/g, '\n'), target, (indent) => indent.replace(/\t/g, '  '));
      this.changeset.write(target, await newFileText(this.project, target, spaced));
      written.push(target);
    }
    for (const [file, edits] of this.edits) {
      let text = edits.apply();
      const added = [...(this.newImports.get(file) ?? [])];
      const root = sourceTree(this.j, text);
      for (const local of this.clearedBindings.get(file) ?? []) removeUnusedBinding(this.j, root, local);
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
}
