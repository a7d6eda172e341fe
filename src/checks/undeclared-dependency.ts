import { builtinModules } from 'node:module';
import type { CallExpression, StringLiteral } from '@babel/types';
import { defineCheck } from './define.ts';
import { ModuleResolver } from '../analysis/module-graph.ts';
import { ancestorPackages, isDevelopmentFile, packageNameOf } from '../project/dependencies.ts';
import { packageFor } from '../project/packages.ts';
import type { PackageInfo, Project } from '../project/types.ts';

const BUILTINS = new Set(builtinModules);
/** Next.js resolves these markers itself, so they need no install. */
const PROVIDED_BY_NEXT = new Set(['server-only', 'client-only']);
/** Every string that could be a module specifier: over-approximates the imports the parser will find. */
const SPECIFIER_CANDIDATE = /\b(?:from|import|require(?:\s*\.\s*resolve)?)\s*\(?\s*(['"])([^'"\n]+)\1/g;

function isAlias(specifier: string, pkg: PackageInfo): boolean {
  const { patterns, baseUrlEntries } = pkg.aliases;
  if (patterns.some((pattern) => (pattern.endsWith('*') ? specifier.startsWith(pattern.slice(0, -1)) : specifier === pattern))) return true;
  return baseUrlEntries.includes(specifier.split('/')[0]!);
}

const resolvers = new WeakMap<Project, ModuleResolver>();

/** A specifier that tsconfig `baseUrl` or `paths` maps to one of the project's own files. */
function resolvesToProjectFile(project: Project, file: string, specifier: string): boolean {
  let resolver = resolvers.get(project);
  if (!resolver) {
    const files = new Set(project.files);
    resolver = new ModuleResolver(project.root, (candidate) => files.has(candidate));
    resolvers.set(project, resolver);
  }
  return resolver.resolve(file, specifier) !== null;
}

interface PackageScope {
  workspaceNames: Set<string>;
  hasNext: boolean;
  declares: (name: string) => boolean;
}

const scopes = new WeakMap<Project, Map<PackageInfo, PackageScope>>();

/** What every file of one package shares: the names its package.json chain declares, and the workspace's own. */
function packageScope(project: Project, pkg: PackageInfo): PackageScope {
  let byPackage = scopes.get(project);
  if (!byPackage) scopes.set(project, (byPackage = new Map()));
  let scope = byPackage.get(pkg);
  if (!scope) {
    const chain = ancestorPackages(project.packages, pkg);
    scope = {
      workspaceNames: new Set(project.packages.flatMap((p) => (p.name ? [p.name] : []))),
      hasNext: chain.some((p) => p.next !== null),
      declares: (name) =>
        chain.some(
          (p) => name in p.dependencies || name in p.devDependencies || name in p.peerDependencies || name in p.optionalDependencies,
        ),
    };
    byPackage.set(pkg, scope);
  }
  return scope;
}

/** For one file: the package a specifier names when no package.json on its path declares it, else null. */
function undeclaredPackageJudge(project: Project, file: string): ((specifier: string) => string | null) | null {
  const pkg = packageFor(project.packages, file);
  if (!pkg) return null;
  const scope = packageScope(project, pkg);
  return (specifier) => {
    if (BUILTINS.has(specifier) || specifier.startsWith('node:')) return null;
    const name = packageNameOf(specifier);
    if (!name || BUILTINS.has(name) || scope.declares(name)) return null;
    if (scope.workspaceNames.has(name) || isAlias(specifier, pkg) || resolvesToProjectFile(project, file, specifier)) return null;
    return scope.hasNext && PROVIDED_BY_NEXT.has(name) ? null : name;
  };
}

function requiredSpecifier(call: CallExpression): StringLiteral | null {
  const [first] = call.arguments;
  if (first?.type !== 'StringLiteral') return null;
  const callee = call.callee;
  if (callee.type === 'Import') return first;
  if (callee.type === 'Identifier' && callee.name === 'require') return first;
  if (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'require' &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'resolve'
  ) {
    return first;
  }
  return null;
}

export default defineCheck({
  meta: {
    id: 'undeclared-dependency',
    title: 'Import of a package that package.json does not declare',
    severity: 'high',
    category: 'dependencies',
    messages: { undeclared: "'{{package}}' is imported but {{manifest}} does not declare it." },
    docs: 'The import works locally because the package happens to sit in node_modules (installed by hand or pulled in by another package), but a clean install on the build server leaves it out and the deploy fails. Declare it in package.json with the version you use.',
    // Only files with a specifier string that names an undeclared package are worth parsing.
    prefilter(text, project, file) {
      const judge = undeclaredPackageJudge(project, file);
      if (!judge) return false;
      for (const match of text.matchAll(SPECIFIER_CANDIDATE)) if (judge(match[2]!)) return true;
      return false;
    },
    fix: 'add-missing-dependencies',
    finds:
      "a bare import (`import`, `export … from`, `require`, `require.resolve`, `import()`, `import x = require()`) of a package that no `package.json` on the file's path declares. Node built-ins, specifiers that tsconfig/jsconfig `paths` or `baseUrl` resolve to a project file (a `.d.ts` too), the workspace's own packages and Next.js's `server-only`/`client-only` don't count",
    sources: [
      { title: 'npm: package.json dependencies', url: 'https://docs.npmjs.com/cli/configuring-npm/package-json#dependencies' },
      { title: 'npm: npm ci', url: 'https://docs.npmjs.com/cli/commands/npm-ci' },
    ],
  },
  check(ctx) {
    const judge = undeclaredPackageJudge(ctx.project, ctx.file.path);
    if (!judge) return;
    const manifest = (dir: string) => (dir ? `${dir}/package.json` : 'package.json');
    const pkg = packageFor(ctx.project.packages, ctx.file.path)!;

    const consider = (literal: StringLiteral) => {
      const name = judge(literal.value);
      if (!name) return;
      ctx.report({
        node: literal,
        messageId: 'undeclared',
        data: { package: name, packageDir: pkg.dir, dev: isDevelopmentFile(ctx.file.path), manifest: manifest(pkg.dir) },
      });
    };

    return {
      ImportDeclaration(node) {
        consider(node.source);
      },
      ExportNamedDeclaration(node) {
        if (node.source) consider(node.source);
      },
      ExportAllDeclaration(node) {
        consider(node.source);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') consider(node.moduleReference.expression);
      },
      CallExpression(node) {
        const literal = requiredSpecifier(node);
        if (literal) consider(literal);
      },
    };
  },
});
