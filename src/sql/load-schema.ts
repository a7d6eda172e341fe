import path from 'node:path';
import { isPostgresUrl } from '../analysis/db-urls.ts';
import { readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import { emptySchema, findColumn, findTable, type ParseProblem, type SchemaModel } from './model.ts';
import type { SqlPlan } from './plan.ts';
import { readPrismaSchema } from './prisma-reader.ts';
import { SqlSchemaReader, holdsDdl } from './sql-reader.ts';

const cache = new WeakMap<Project, SchemaModel[]>();

function under(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/** Migration files sort by name, which starts with their timestamp; `localeCompare` would put `_` before digits differently on other locales. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function supabaseMigrationFiles(project: Project, dir: string): string[] {
  return project.files.filter((f) => f.startsWith(`${dir}/`) && f.endsWith('.sql') && !f.slice(dir.length + 1).includes('/')).sort(byPath);
}

export function prismaMigrationFiles(project: Project, dir: string): string[] {
  return project.files.filter((f) => f.startsWith(`${dir}/`) && f.endsWith('/migration.sql')).sort(byPath);
}

function read(project: Project, file: string): string | null {
  const result = readTextFile(path.join(project.root, file));
  return result.ok ? result.text : null;
}

function readSql(project: Project, reader: SqlSchemaReader, files: readonly string[]): void {
  for (const file of files) {
    const text = read(project, file);
    if (text !== null) reader.readFile(file, text);
  }
}

/** The `provider` of schema.prisma's datasource (`postgresql`, `mysql`, `sqlite`, …), or null. */
export function prismaProvider(schemaText: string): string | null {
  return /datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*"([\w-]+)"/.exec(schemaText)?.[1] ?? null;
}

/**
 * Gives the tables replayed from Prisma's migrations their model names, field maps and schema.prisma
 * lines, so findings point at the model and fixes can edit it; the structure stays the migrations'.
 */
function attachPrismaModels(schema: SchemaModel, declared: SchemaModel): void {
  const sameColumns = (a: readonly string[], b: readonly string[]) => a.join() === b.join();
  for (const table of schema.tables) {
    const model = findTable(declared, table.schema, table.name);
    if (!model) continue;
    table.model = model.model;
    table.fields = model.fields;
    table.loc = model.loc;
    for (const column of table.columns) column.loc = findColumn(model, column.name)?.loc ?? column.loc;
    for (const constraint of table.constraints) {
      constraint.loc =
        model.constraints.find((c) => c.kind === constraint.kind && sameColumns(c.columns, constraint.columns))?.loc ?? constraint.loc;
    }
  }
  for (const index of schema.indexes) {
    index.loc =
      declared.indexes.find((i) => i.schema === index.schema && i.table === index.table && sameColumns(i.columns, index.columns))?.loc ??
      index.loc;
  }
}

/**
 * The schema of each database the project declares, from one source of truth each: Supabase
 * migrations; else Prisma's migrations when there are any (`schema.prisma` then only names the
 * models), else `schema.prisma`; else plain `.sql` files holding DDL, in path order. Read once per project.
 */
export function loadSchemas(project: Project): SchemaModel[] {
  const cached = cache.get(project);
  if (cached) return cached;
  const schemas: SchemaModel[] = [];
  const claimed = new Set<string>();
  const packages = [...project.packages].sort((a, b) => b.dir.length - a.dir.length);
  for (const pkg of packages) {
    if (pkg.supabaseMigrations) {
      const schema = emptySchema('supabase', pkg.dir);
      const files = supabaseMigrationFiles(project, pkg.supabaseMigrations);
      readSql(project, new SqlSchemaReader(schema), files);
      files.forEach((f) => claimed.add(f));
      schemas.push(schema);
    } else if (pkg.prismaSchema) {
      const schema = emptySchema('prisma', pkg.dir);
      const text = read(project, pkg.prismaSchema);
      const migrations = pkg.prismaMigrations ? prismaMigrationFiles(project, pkg.prismaMigrations) : [];
      migrations.forEach((f) => claimed.add(f));
      // Migrations for MySQL or SQLite are not PostgreSQL: schema.prisma is the only source shipshape can read.
      const provider = text === null ? null : prismaProvider(text);
      if (migrations.length > 0 && (provider === null || /^postgres(ql)?$/.test(provider))) {
        readSql(project, new SqlSchemaReader(schema), migrations);
        if (text !== null) {
          const declared = emptySchema('prisma', pkg.dir);
          readPrismaSchema(declared, pkg.prismaSchema, text);
          attachPrismaModels(schema, declared);
          schema.problems.push(...declared.problems);
        }
      } else if (text !== null) readPrismaSchema(schema, pkg.prismaSchema, text);
      schemas.push(schema);
    }
  }
  if (schemas.length === 0) {
    // Schema files first, then migrations written on top of them (by `shipshape sql --layout plain`, say); rollbacks never.
    const isMigration = (f: string) => /(^|\/)migrations\//.test(f);
    const plain = project.files
      .filter((f) => f.endsWith('.sql') && !claimed.has(f) && !/(^|\/)rollbacks\//.test(f))
      .sort((a, b) => Number(isMigration(a)) - Number(isMigration(b)) || byPath(a, b));
    const withDdl = plain.filter((f) => holdsDdl(read(project, f) ?? ''));
    if (withDdl.length > 0) {
      const schema = emptySchema('plain', '');
      readSql(project, new SqlSchemaReader(schema), withDdl);
      schemas.push(schema);
    }
  }
  schemas.sort((a, b) => byPath(a.packageDir, b.packageDir));
  cache.set(project, schemas);
  return schemas;
}

/** The schema a file belongs to: that of the innermost package holding it. */
export function schemaForFile(schemas: readonly SchemaModel[], file: string): SchemaModel | undefined {
  return [...schemas].filter((s) => under(s.packageDir, file)).sort((a, b) => b.packageDir.length - a.packageDir.length)[0];
}

const SUPABASE_HOST = /\.supabase\.(co|com)$/i;

/**
 * Whether a Prisma schema's database is Supabase's: a database URL on a Supabase host (in an env
 * file, a template or schema.prisma itself), or a `supabase/` folder beside it. Prisma apps that use
 * Supabase only for auth or storage keep their tables in another Postgres, where RLS means nothing.
 */
function prismaOnSupabase(project: Project, schema: SchemaModel): boolean {
  const packages = project.packages.filter((p) => under(schema.packageDir, p.dir) || under(p.dir, schema.packageDir));
  if (
    packages.some(
      (p) =>
        p.supabaseMigrations !== null || project.files.includes(p.dir === '' ? 'supabase/config.toml' : `${p.dir}/supabase/config.toml`),
    )
  )
    return true;
  const envFiles = project.envFiles.filter((env) => packages.some((p) => under(p.dir, env.path)));
  if (envFiles.some((env) => env.variables.some((v) => v.url && isPostgresUrl(v.url) && SUPABASE_HOST.test(v.url.host)))) return true;
  const prismaSchema = packages.find((p) => p.dir === schema.packageDir)?.prismaSchema;
  const text = prismaSchema ? read(project, prismaSchema) : null;
  return text !== null && /[@.]([a-z0-9-]+\.)*supabase\.(co|com)\b/i.test(text);
}

/** Does the project's database belong to Supabase, whose API exposes the `public` schema to every visitor? */
export function usesSupabase(project: Project, schema: SchemaModel): boolean {
  if (schema.source === 'supabase') return true;
  if (schema.source === 'prisma') return prismaOnSupabase(project, schema);
  return project.packages.some(
    (p) =>
      under(schema.packageDir, p.dir) &&
      ('@supabase/supabase-js' in p.dependencies || '@supabase/ssr' in p.dependencies || p.supabaseMigrations !== null),
  );
}

/**
 * The replay problems that make a plan unsafe: a statement about a table the plan writes SQL for
 * (what that table looks like is then uncertain), or one that names no table.
 */
export function replayProblemsAffecting(schema: SchemaModel, plan: SqlPlan): ParseProblem[] {
  const planned = new Set([...plan.rls, ...plan.constraints, ...plan.indexes].map((step) => `${step.table.schema}.${step.table.name}`));
  return schema.problems.filter((p) => p.kind === 'replay' && (!p.table || planned.has(`${p.table.schema}.${p.table.name}`)));
}
