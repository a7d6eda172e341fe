import { builtinModules } from 'node:module';
import type { CallExpression, Node, StringLiteral } from '@babel/types';
import { defineCheck } from './define.ts';
import { ancestorPackages, isDevelopmentFile, packageNameOf } from '../project/dependencies.ts';
import { packageFor } from '../project/packages.ts';
import type { PackageInfo } from '../project/types.ts';

const BUILTINS = new Set(builtinModules);
/** Next.js resolves these markers itself, so they need no install. */
const PROVIDED_BY_NEXT = new Set(['server-only', 'client-only']);

function isAlias(specifier: string, pkg: PackageInfo): boolean {
  const { patterns, baseUrlEntries } = pkg.aliases;
  if (patterns.some((pattern) => (pattern.endsWith('*') ? specifier.startsWith(pattern.slice(0, -1)) : specifier === pattern))) return true;
  return baseUrlEntries.includes(specifier.split('/')[0]!);
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
    docs: 'The import works locally because the package happens to sit in node_modules (installed by hand or pulled in by another package), but a clean install on the build server leaves it out and the deploy fails. Declare it in package.json with the version you use.',
    prefilter: ['import', 'require', 'export'],
    fix: 'add-missing-dependencies',
  },
  check(ctx) {
    const pkg = packageFor(ctx.project.packages, ctx.file.path);
    if (!pkg) return;
    const chain = ancestorPackages(ctx.project.packages, pkg);
    const workspaceNames = new Set(ctx.project.packages.flatMap((p) => (p.name ? [p.name] : [])));
    const hasNext = chain.some((p) => p.next !== null);

    const consider = (literal: StringLiteral) => {
      const specifier = literal.value;
      if (BUILTINS.has(specifier) || specifier.startsWith('node:')) return;
      const name = packageNameOf(specifier);
      if (!name || BUILTINS.has(name)) return;
      if (workspaceNames.has(name) || isAlias(specifier, pkg)) return;
      if (hasNext && PROVIDED_BY_NEXT.has(name)) return;
      const declared = chain.some(
        (p) => name in p.dependencies || name in p.devDependencies || name in p.peerDependencies || name in p.optionalDependencies,
      );
      if (declared) return;
      const manifest = pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
      ctx.report({
        node: literal,
        message: `'${name}' is imported but ${manifest} does not declare it.`,
        data: { package: name, packageDir: pkg.dir, dev: isDevelopmentFile(ctx.file.path) },
      });
    };

    return {
      ImportDeclaration(node: Node) {
        if (node.type === 'ImportDeclaration') consider(node.source);
      },
      ExportNamedDeclaration(node: Node) {
        if (node.type === 'ExportNamedDeclaration' && node.source) consider(node.source);
      },
      ExportAllDeclaration(node: Node) {
        if (node.type === 'ExportAllDeclaration') consider(node.source);
      },
      TSImportEqualsDeclaration(node: Node) {
        if (node.type === 'TSImportEqualsDeclaration' && node.moduleReference.type === 'TSExternalModuleReference') {
          consider(node.moduleReference.expression);
        }
      },
      CallExpression(node: Node) {
        if (node.type !== 'CallExpression') return;
        const literal = requiredSpecifier(node);
        if (literal) consider(literal);
      },
    };
  },
});
