import path from 'node:path';
import { readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import { emptySchema, type SchemaModel } from './model.ts';
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

/**
 * The schema of each database the project declares: Supabase migrations, else the Prisma schema
 * (with the SQL of Prisma's migrations on top, which holds what Prisma cannot say, such as RLS),
 * else plain `.sql` files holding DDL, in path order. Read once per project.
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
      if (text !== null) readPrismaSchema(schema, pkg.prismaSchema, text);
      if (pkg.prismaMigrations) {
        const files = prismaMigrationFiles(project, pkg.prismaMigrations);
        readSql(project, new SqlSchemaReader(schema, { overlay: true }), files);
        files.forEach((f) => claimed.add(f));
      }
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

/** Does the project talk to Supabase, whose API exposes the `public` schema to every visitor? */
export function usesSupabase(project: Project, schema: SchemaModel): boolean {
  if (schema.source === 'supabase') return true;
  return project.packages.some((p) => under(schema.packageDir, p.dir) && ('@supabase/supabase-js' in p.dependencies || '@supabase/ssr' in p.dependencies || p.supabaseMigrations !== null));
}
