import type { Node, Program } from '@babel/types';
import { ModuleResolver } from '../module-graph.ts';
import type { Project } from '../../project/types.ts';
import { authCallOf } from './known-calls.ts';
import { chainText, importsOf, visitInside } from './syntax.ts';

export interface HelperRef {
  source: string;
  imported: string;
}

/** What one exported function of a module does about auth. */
export interface HelperFact {
  /** It calls a known library's auth check: `trusted`, or only Supabase's `getSession()`: `untrusted`. */
  direct: 'trusted' | 'untrusted' | null;
  /** Project helpers it calls, to follow to their own modules. */
  calls: HelperRef[];
}

/** The exported auth helpers of one module, by exported name. */
export type ModuleHelpers = Record<string, HelperFact>;

const LIBRARY_FACTORY = /^(?:NextAuth|betterAuth|Lucia|lucia|createAuth|initAuth)$/;

function factOf(body: Node, program: Program): HelperFact {
  const imports = importsOf(program);
  let trusted = false;
  let untrusted = false;
  const calls: HelperRef[] = [];
  visitInside(
    body,
    (node) => {
      const auth = authCallOf(node, imports);
      if (!auth) return;
      if (auth.helper) calls.push({ source: auth.helper.source, imported: auth.helper.imported });
      else if (auth.library !== 'project helper') {
        if (auth.trusted) trusted = true;
        else untrusted = true;
      }
    },
    true,
  );
  return { direct: trusted ? 'trusted' : untrusted ? 'untrusted' : null, calls };
}

/** The module's exported functions that check a session, directly or through helpers they import. */
export function moduleHelpers(program: Program): ModuleHelpers {
  const helpers: ModuleHelpers = {};
  const local = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === 'FunctionDeclaration' && declaration.id) local.set(declaration.id.name, declaration);
    if (declaration.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) {
        if (!d.init) continue;
        if (d.id.type === 'Identifier') local.set(d.id.name, d.init);
        // `export const { auth, handlers } = NextAuth(config)`: each name is the library's own.
        const callee = d.init.type === 'CallExpression' ? chainText(d.init.callee) : null;
        if (d.id.type === 'ObjectPattern' && callee && LIBRARY_FACTORY.test(callee)) {
          for (const property of d.id.properties)
            if (property.type === 'ObjectProperty' && property.value.type === 'Identifier')
              helpers[property.value.name] = { direct: 'trusted', calls: [] };
        }
      }
    }
  }
  const exported = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration.type === 'Identifier') exported.set('default', declaration.name);
      else if (declaration.type === 'FunctionDeclaration') helpers.default = factOf(declaration, program);
    }
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) exported.set(declaration.id.name, declaration.id.name);
    if (declaration?.type === 'VariableDeclaration')
      for (const d of declaration.declarations) if (d.id.type === 'Identifier') exported.set(d.id.name, d.id.name);
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ExportSpecifier') continue;
      const name = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
      if (statement.source) helpers[name] = { direct: null, calls: [{ source: statement.source.value, imported: specifier.local.name }] };
      else exported.set(name, specifier.local.name);
    }
  }
  for (const [name, localName] of exported) {
    if (helpers[name]) continue;
    if (helpers[localName]) {
      helpers[name] = helpers[localName]!;
      continue;
    }
    const body = local.get(localName);
    if (!body) continue;
    const fact = factOf(body, program);
    if (fact.direct || fact.calls.length > 0) helpers[name] = fact;
  }
  return helpers;
}

/** Where every module's helpers are, resolving a helper call through imports, re-exports and tsconfig aliases. */
export class HelperIndex {
  private readonly resolver: ModuleResolver;
  private readonly files: Set<string>;

  constructor(
    project: Project,
    private readonly helpers: ReadonlyMap<string, ModuleHelpers>,
  ) {
    this.files = new Set(project.files);
    this.resolver = new ModuleResolver(project.root, (file) => this.files.has(file));
  }

  /**
   * Whether a helper imported into `from` checks a session: `trusted`, `untrusted` (Supabase
   * `getSession()` only), `none` (a project function that asks no one), or `unknown` where the
   * import leads outside the project, which is given the benefit of its name.
   */
  judge(from: string, ref: HelperRef, depth = 0): 'trusted' | 'untrusted' | 'none' | 'unknown' {
    if (depth > 6) return 'unknown';
    const target = this.resolver.resolve(from, ref.source);
    if (!target) return 'unknown';
    const fact = this.helpers.get(target.file)?.[ref.imported];
    if (!fact) return 'none';
    if (fact.direct === 'trusted') return 'trusted';
    let result: 'untrusted' | 'none' | 'unknown' = fact.direct === 'untrusted' ? 'untrusted' : 'none';
    for (const call of fact.calls) {
      const judged = this.judge(target.file, call, depth + 1);
      if (judged === 'trusted') return 'trusted';
      if (judged === 'unknown') result = 'unknown';
      else if (judged === 'untrusted' && result === 'none') result = 'untrusted';
    }
    return result;
  }
}
