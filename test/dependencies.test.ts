import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CHECKS, TRANSFORM_ENTRIES, fixIsSafe } from '../src/registry.ts';
import { REPO } from './helpers.ts';

interface StaticImport {
  specifier: string;
  /** `import type …` and `export type … from`: erased when compiled, so nothing loads at run time. */
  typeOnly: boolean;
}

/** The module's top-level `import … from` and `export … from` statements; `import()` is lazy and not one of them. */
function staticImports(file: string): StaticImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return source.statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      return [{ specifier: statement.moduleSpecifier.text, typeOnly: Boolean(statement.importClause?.isTypeOnly) }];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      return [{ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly }];
    }
    // `const { parse } = requirePackage('@babel/parser')` loads as surely as an import, and so does `createRequire(import.meta.url)('x')`.
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.flatMap((declaration) => {
        const specifier = declaration.initializer && requiredAtLoad(declaration.initializer);
        return specifier ? [{ specifier, typeOnly: false }] : [];
      });
    }
    return [];
  });
}

function requiredAtLoad(expression: ts.Expression): string | null {
  let node = expression;
  while (ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  if (!ts.isCallExpression(node)) return null;
  const [first] = node.arguments;
  if (!first || !ts.isStringLiteral(first)) return null;
  const callee = node.expression;
  if (ts.isIdentifier(callee) && callee.text === 'requirePackage') return first.text;
  const creates = ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'createRequire';
  return creates ? first.text : null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const resolveLocal = (from: string, specifier: string) => path.resolve(path.dirname(from), specifier);
const relative = (file: string) => path.relative(REPO, file).split(path.sep).join('/');

/** An import cycle among the files, as the list of files around it, or null. */
function findCycle(files: readonly string[]): string[] | null {
  const inScope = new Set(files);
  const edges = new Map(
    files.map((file) => [
      file,
      staticImports(file)
        .filter((i) => i.specifier.startsWith('.'))
        .map((i) => resolveLocal(file, i.specifier))
        .filter((target) => inScope.has(target)),
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...trail.slice(trail.indexOf(file)), file];
    state.set(file, 'open');
    trail.push(file);
    for (const target of edges.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle.map(relative);
  }
  return null;
}

/** Every package the entries load at run time through static imports, with the local file that imports it first. */
function packagesLoadedBy(entries: readonly string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = entries.map((entry) => path.join(REPO, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier, typeOnly } of staticImports(file)) {
      if (typeOnly) continue;
      if (specifier.startsWith('.')) queue.push(resolveLocal(file, specifier));
      else if (!specifier.startsWith('node:') && !packages.has(specifier)) packages.set(specifier, relative(file));
    }
  }
  return packages;
}

const HEAVY = [
  /^jscodeshift(\/|$)/,
  /^recast(\/|$)/,
  /^prettier(\/|$)/,
  /^handlebars(\/|$)/,
  /^@inquirer\//,
  /^@electric-sql\/pglite(\/|$)/,
  /^ts-morph(\/|$)/,
];

describe('dependencies point one way', () => {
  it('has no import cycle among the sources, type imports included', () => {
    expect(findCycle([...sourceFiles(path.join(REPO, 'src')), ...sourceFiles(path.join(REPO, 'transforms'))])).toBeNull();
  });

  it('finds a cycle where there is one', () => {
    const dir = path.join(REPO, 'test', 'fixtures-import-cycle');
    expect(findCycle(sourceFiles(dir))).toEqual([
      'test/fixtures-import-cycle/a.ts',
      'test/fixtures-import-cycle/b.ts',
      'test/fixtures-import-cycle/a.ts',
    ]);
  });

  it('keeps the scan path, main thread and worker, free of codemod, formatting, template, prompt, PGlite and ts-morph code', () => {
    const loaded = packagesLoadedBy(['src/engine/scan.ts', 'src/engine/scan-worker.ts']);
    const heavy = [...loaded]
      .filter(([name]) => HEAVY.some((pattern) => pattern.test(name)))
      .map(([name, by]) => `${name} (imported by ${by})`);
    expect(heavy).toEqual([]);
    expect(loaded.has('@babel/parser')).toBe(true);
  });

  it('starts the CLI on commander alone: every command module loads when its command runs', () => {
    expect([...packagesLoadedBy(['src/cli/main.ts']).keys()]).toEqual(['commander']);
  });
});

describe('transform metadata as data', () => {
  it.each(TRANSFORM_ENTRIES.map((entry) => [entry.meta.id, entry] as const))(
    "%s: the registry's entry agrees with the transform module it loads",
    async (id, entry) => {
      const transform = await entry.load();
      expect(transform.meta).toBe(entry.meta);
      expect(transform.kind).toBe(entry.kind);
      expect(transform.kind === 'file' ? typeof transform.transform : typeof transform.plan).toBe('function');
      const folder = path.join(REPO, 'transforms', id, 'index.ts');
      const module = (await import(existsSync(folder) ? folder : path.join(REPO, 'transforms', `${id}.ts`))) as { meta: unknown };
      expect(module.meta).toBe(entry.meta);
      expect(await entry.load()).toBe(transform);
    },
  );

  it('shares one text prefilter between a transform and the check that screens for it, where both list words', () => {
    const shared = CHECKS.flatMap((check) => {
      const entry = TRANSFORM_ENTRIES.find((e) => e.meta.id === check.meta.fix);
      return entry?.meta.prefilter && Array.isArray(check.meta.prefilter) ? [[check, entry] as const] : [];
    });
    expect(shared.map(([check]) => check.meta.id).sort()).toEqual([
      'fetch-without-timeout',
      'insecure-session-cookie',
      'jwt-without-expiry',
      'missing-ownership-check',
      'next-config-ignores-build-errors',
      'retry-without-backoff',
      'unbounded-query',
      'webhook-not-idempotent',
      'webhook-out-of-order',
    ]);
    for (const [check, entry] of shared) expect(check.meta.prefilter, check.meta.id).toBe(entry.meta.prefilter);
  });

  it("gives each check its fix's safety from that data", async () => {
    for (const check of CHECKS.filter((c) => c.meta.fix)) {
      const entry = TRANSFORM_ENTRIES.find((e) => e.meta.id === check.meta.fix);
      expect(fixIsSafe(check.meta.fix!), check.meta.id).toBe(entry ? (await entry.load()).meta.safe : false);
    }
  });
});
