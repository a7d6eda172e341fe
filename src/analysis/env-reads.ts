import type { Node } from '@babel/types';
import { isNextConfigFile, propertyName } from '../engine/ast.ts';
import type { FinishContext, Visitors } from '../types.ts';

/** Variables the platform or Node sets: reading them needs no env file. */
export const RUNTIME_VARIABLES =
  /^(NODE_ENV|NEXT_RUNTIME|NEXT_PHASE|NEXT_PUBLIC_VERCEL_\w+|VERCEL(_\w+)?|CI|PORT|HOSTNAME|TZ|HOME|PATH|PWD|npm_\w+|NETLIFY|CONTEXT|DEPLOY_URL|URL|MODE|DEV|PROD|SSR|BASE_URL|SKIP_ENV_VALIDATION)$/;

/** `process.env` or `import.meta.env`. */
function isEnvObject(node: Node): boolean {
  if (node.type !== 'MemberExpression' || node.property.type !== 'Identifier' || node.property.name !== 'env') return false;
  return (node.object.type === 'Identifier' && node.object.name === 'process') || node.object.type === 'MetaProperty';
}

/** The variable a node reads: `process.env.NAME`, `process.env['NAME']`, `import.meta.env.NAME`. */
export function envRead(node: Node): string | null {
  if (node.type !== 'MemberExpression' || !isEnvObject(node.object)) return null;
  if (node.property.type === 'Identifier' && !node.computed) return node.property.name;
  if (node.property.type === 'StringLiteral') return node.property.value;
  return null;
}

/** `const { A, B: b } = process.env`: the names destructured out of the environment. */
export function envDestructured(node: Node): Array<{ name: string; node: Node }> {
  if (node.type !== 'VariableDeclarator' || node.id.type !== 'ObjectPattern' || !node.init || !isEnvObject(node.init)) return [];
  return node.id.properties.flatMap((property) =>
    property.type === 'ObjectProperty' && property.key.type === 'Identifier' ? [{ name: property.key.name, node: property.key }] : [],
  );
}

export interface EnvRead {
  name: string;
  file: string;
  line: number;
  column: number;
}

/** Visitors that collect every environment variable a file reads. */
export function collectEnvReads(file: string, collect: (read: EnvRead) => void): Visitors {
  const at = (name: string, node: Node) => {
    if (!RUNTIME_VARIABLES.test(name)) collect({ name, file, line: node.loc!.start.line, column: node.loc!.start.column + 1 });
  };
  return {
    MemberExpression(node: Node) {
      const name = envRead(node);
      if (name) at(name, node);
    },
    VariableDeclarator(node: Node) {
      for (const read of envDestructured(node)) at(read.name, read.node);
    },
  };
}

/** A `next.config` `env` entry: Next.js sets it for every `process.env.NAME` read, on the server and in the bundle. */
export interface NextConfigEnvEntry {
  nextConfigEnv: string;
}

/** The name a `next.config` `env` entry defines, unless its value only passes on the variable of the same name. */
export function nextConfigEnvEntry(file: string, node: Node, ancestors: readonly Node[]): string | null {
  if (!isNextConfigFile(file) || node.type !== 'ObjectProperty') return null;
  const owner = ancestors.at(-2);
  if (owner?.type !== 'ObjectProperty' || propertyName(owner) !== 'env') return null;
  const name = propertyName(node);
  return name && envRead(node.value) !== name ? name : null;
}

/** Each variable once, at its first read in file order. */
export function firstReads(reads: readonly EnvRead[]): EnvRead[] {
  const first = new Map<string, EnvRead>();
  for (const read of [...reads].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)) {
    if (!first.has(read.name)) first.set(read.name, read);
  }
  return [...first.values()];
}

/** The prefixes whose variables the build inlines into browser code. */
export const PUBLIC_ENV_PREFIX = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_)/;

/** Reports each variable the code reads that `listed` lacks, once, at its first read. */
export function reportReadsMissingFrom(
  ctx: FinishContext,
  listed: ReadonlySet<string>,
  messageId: string,
  skip: (name: string) => boolean = () => false,
): void {
  const reads = ctx.facts.filter((fact): fact is EnvRead => typeof fact === 'object' && fact !== null && 'line' in fact);
  for (const read of firstReads(reads)) {
    if (listed.has(read.name) || skip(read.name)) continue;
    ctx.report({
      file: read.file,
      loc: { line: read.line, column: read.column },
      messageId,
      data: { variable: read.name },
    });
  }
}
