import type { Node, Program, Statement, VariableDeclarator } from '@babel/types';
import { envRead } from '../../src/analysis/env-reads.ts';
import { specifierImport } from '../../src/analysis/imported-bindings.ts';
import { mergeVisitors, walk } from '../../src/engine/walk.ts';
import { isPropertyAfterDot } from '../../src/engine/ast.ts';

/** Globals the server has too; any other global (window, document, localStorage) pins a call to the browser. */
export const SHARED_GLOBALS = new Set([
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
export const BROWSER_GLOBALS = new Set(['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'screen']);
export const STRING_PROPERTIES = new Set([
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

export function isFunction(node: Node): boolean {
  return /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod)$/.test(node.type);
}

export function topLevelDeclarators(program: Program): Array<{ statement: Statement; declarator: VariableDeclarator; exported: boolean }> {
  return program.body.flatMap((statement) => {
    const exported = statement.type === 'ExportNamedDeclaration';
    const declaration = exported ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') return [];
    return declaration.declarations.map((declarator) => ({ statement, declarator, exported }));
  });
}

/** `import X from 'pkg'` bindings of the file: local name → source. */
export function importSources(program: Program): Map<string, { source: string; text: string; imported: string }> {
  const bindings = new Map<string, { source: string; text: string; imported: string }>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      const imported = specifierImport(specifier);
      bindings.set(specifier.local.name, { source: statement.source.value, imported, text: '' });
    }
  }
  return bindings;
}

export function importLine(local: string, imported: string, source: string): string {
  if (imported === 'default') return `import ${local} from '${source}';`;
  if (imported === '*') return `import * as ${local} from '${source}';`;
  return `import { ${imported === local ? local : `${imported} as ${local}`} } from '${source}';`;
}

/** Every identifier read inside a node (not property keys, not member names). */
export function referencedIdentifiers(root: Node): Array<{ name: string; node: Node }> {
  const found: Array<{ name: string; node: Node }> = [];
  walk(
    root,
    mergeVisitors([
      {
        Identifier(node, ancestors) {
          const parent = ancestors.at(-1);
          const name = (node as { name: string }).name;
          if (isPropertyAfterDot(node, parent)) return;
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
export function declaredIn(fn: Node): Map<string, Node> {
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
export function typeOf(name: string, holder: Node, source: string): string {
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

/** The member chain a browser global starts, up to its last property read: `window.location.origin`. */
export function memberChainAbove(node: Node, within: Node): { start: number; end: number; property: string | null } {
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

export function envReadsIn(node: Node): string[] {
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
