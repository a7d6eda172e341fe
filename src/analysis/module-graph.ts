import path from 'node:path';
import { createPathsMatcher } from 'get-tsconfig';
import { readTsconfig } from '../project/tsconfig.ts';
import type { JSCodeshift } from 'jscodeshift';
import { sourceTree } from '../engine/source-tree.ts';

const EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js', '.mjs', '.cjs', '.mts', '.cts'];

export interface ImportSite {
  specifier: string;
  /** Offsets of the string literal, quotes included. */
  start: number;
  end: number;
  /** What a static import takes: `default`, `*` or the imported names; absent for re-exports and calls. */
  names?: string[];
}

/** Every static import, re-export, `import()` and `require()` specifier of a module. */
export function importSites(j: JSCodeshift, source: string): ImportSite[] {
  const sites: ImportSite[] = [];
  let root;
  try {
    // Offsets into the file's own text, CRLF and tabs included: callers splice at them.
    root = sourceTree(j, source);
  } catch {
    return sites;
  }
  const add = (literal: { type: string; value?: unknown; start?: number; end?: number } | null | undefined, names?: string[]) => {
    if (
      literal &&
      (literal.type === 'StringLiteral' || literal.type === 'Literal') &&
      typeof literal.value === 'string' &&
      literal.start !== undefined &&
      literal.end !== undefined
    ) {
      sites.push({ specifier: literal.value, start: literal.start, end: literal.end, ...(names ? { names } : {}) });
    }
  };
  root.find(j.ImportDeclaration).forEach((p) => {
    const names = (p.node.specifiers ?? []).map((s) =>
      s.type === 'ImportDefaultSpecifier'
        ? 'default'
        : s.type === 'ImportNamespaceSpecifier'
          ? '*'
          : String((s.imported as { name?: string; value?: string }).name ?? (s.imported as { value?: string }).value),
    );
    add(p.node.source as never, names);
  });
  root.find(j.ExportNamedDeclaration).forEach((p) => add(p.node.source as never));
  root.find(j.ExportAllDeclaration).forEach((p) => add(p.node.source as never));
  root.find(j.CallExpression).forEach((p) => {
    const callee = p.node.callee as { type: string; name?: string };
    if (callee.type === 'Import' || (callee.type === 'Identifier' && callee.name === 'require')) add(p.node.arguments[0] as never);
  });
  return sites;
}

/** `./x`, `../x`, `.` and `..`; not `.contentlayer/generated`, which a `baseUrl` resolves. */
export const isRelativeSpecifier = (specifier: string): boolean => /^\.\.?(\/|$)/.test(specifier);

/** Resolves import specifiers to project files: relative paths and tsconfig/jsconfig `paths` aliases. */
export class ModuleResolver {
  private readonly matchers = new Map<string, ((specifier: string) => string[]) | null>();
  /** get-tsconfig's own cache: each tsconfig is read and parsed once, however many folders share it. */
  private readonly tsconfigCache = new Map<string, unknown>();

  constructor(
    private readonly root: string,
    private readonly exists: (file: string) => boolean,
  ) {}

  private matcher(file: string): ((specifier: string) => string[]) | null {
    const dir = path.posix.dirname(file);
    if (!this.matchers.has(dir)) {
      const found = readTsconfig(path.join(this.root, dir), this.tsconfigCache as Parameters<typeof readTsconfig>[1]);
      this.matchers.set(dir, found ? createPathsMatcher(found) : null);
    }
    return this.matchers.get(dir)!;
  }

  /** The project file a path names, trying extensions and index files; `./x.js` also finds `x.ts`, as NodeNext projects write it. */
  complete(base: string): string | null {
    if (this.exists(base) && EXTENSIONS.some((ext) => base.endsWith(ext))) return base;
    const stem = base.replace(/\.[cm]?jsx?$/, '');
    for (const candidate of stem === base ? [base] : [stem, base]) {
      for (const ext of EXTENSIONS) if (this.exists(`${candidate}${ext}`)) return `${candidate}${ext}`;
      for (const ext of EXTENSIONS) if (this.exists(`${candidate}/index${ext}`)) return `${candidate}/index${ext}`;
    }
    // TypeScript resolves a name with no source file to its declaration file: types only, but a project file.
    if (this.exists(`${stem}.d.ts`)) return `${stem}.d.ts`;
    return null;
  }

  resolve(from: string, specifier: string): { file: string; alias: boolean } | null {
    if (isRelativeSpecifier(specifier)) {
      const file = this.complete(path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)));
      return file ? { file, alias: false } : null;
    }
    const matcher = this.matcher(from);
    if (!matcher) return null;
    for (const candidate of matcher(specifier)) {
      const relative = path.relative(this.root, candidate).split(path.sep).join('/');
      if (relative.startsWith('..')) continue;
      const file = this.complete(relative);
      if (file) return { file, alias: true };
    }
    return null;
  }
}

/** The specifier that imports `to` from `from`, in the style of `original` (extension kept only when it had one). */
export function relativeSpecifier(from: string, to: string, original: string): string {
  let relative = path.posix.relative(path.posix.dirname(from), to);
  const keepsExtension = /\.[cm]?[jt]sx?$/.test(original);
  if (!keepsExtension) relative = relative.replace(/\.[cm]?[jt]sx?$/, '');
  if (!keepsExtension && /\/index$/.test(relative) && !/\/index$/.test(original) && !/^\.\.?$/.test(original))
    relative = relative.replace(/\/index$/, '');
  return isRelativeSpecifier(relative) ? relative : `./${relative}`;
}
