import { sdkOf } from '../server-sdks.ts';
import { LineIndex } from '../../engine/line-index.ts';

export const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use (client|server)\1/;
export const STATIC_IMPORT = /(?:^|[\n;])[ \t\ufeff]*(import|export)\s+(type\s+)?(?:([\w$*{}\s,]*?)\s+from\s+)?(['"])([^'"\n]+)\4/g;
export const DYNAMIC_IMPORT = /\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
export const SERVER_ONLY_IMPORT = /(?:^|[\n;])\s*import\s+['"]server-only['"]/;
export interface ImportFact {
  specifier: string;
  /** Where the import is, for server SDK imports (the only ones reported); 0 for the others. */
  line: number;
  column: number;
  /** `import { a, b } from '…'`: bindings that TypeScript erases when the module uses them only as types. */
  namedOnly?: true;
}

export interface ModuleFacts {
  directive: 'client' | 'server' | null;
  serverOnly: boolean;
  /** Imports that bring code (not `import type`), where they are. */
  imports: ImportFact[];
}

/** Only `type` specifiers in braces: `import { type A, type B } from 'x'` brings no code. */
export const TYPE_ONLY_CLAUSE = /^\s*\{\s*type\s+[\w$]+(\s+as\s+[\w$]+)?(\s*,\s*type\s+[\w$]+(\s+as\s+[\w$]+)?)*\s*,?\s*\}\s*$/;

export const NAMED_ONLY_CLAUSE = /^\s*\{[^}]*\}\s*$/;
/** A text pass, no parse: the directive, `server-only`, and the imports that bring code. */
export function moduleFacts(text: string): ModuleFacts {
  let lines: LineIndex | null = null;
  const imports: ImportFact[] = [];
  const add = (specifier: string, offset: number, namedOnly = false) => {
    // Only imports of server SDKs are ever reported: the others need no line number.
    const where = sdkOf(specifier) ? (lines ??= new LineIndex(text)).position(offset) : { line: 0, column: 0 };
    imports.push(namedOnly ? { specifier, ...where, namedOnly } : { specifier, ...where });
  };
  for (const match of text.matchAll(STATIC_IMPORT)) {
    const clause = match[3];
    if (match[2] || (clause !== undefined && clause.includes('type') && TYPE_ONLY_CLAUSE.test(clause))) continue;
    add(
      match[5]!,
      match.index! + match[0].indexOf(match[1]!),
      match[1] === 'import' && clause !== undefined && NAMED_ONLY_CLAUSE.test(clause),
    );
  }
  if (text.includes('import(') || text.includes('require(')) {
    for (const match of text.matchAll(DYNAMIC_IMPORT)) add(match[2]!, match.index!);
  }
  const directive = text.includes('use ') ? (DIRECTIVE.exec(text)?.[2] as ModuleFacts['directive'] | undefined) : undefined;
  return { directive: directive ?? null, serverOnly: text.includes('server-only') && SERVER_ONLY_IMPORT.test(text), imports };
}
