/** Where an element was declared: the migration line, the schema.prisma line, or the live catalog. */
export interface SourceLoc {
  file: string;
  line: number;
}

export interface Column {
  name: string;
  /** The type as written or reported, lower-cased (`uuid`, `text`, `timestamp with time zone`, `varchar(80)`). */
  type: string;
  nullable: boolean;
  /** The default's source text, when there is one. */
  default: string | null;
  loc: SourceLoc;
}

export type ConstraintKind = 'primary' | 'unique' | 'foreign' | 'check' | 'exclusion';

export interface ForeignKeyTarget {
  schema: string;
  table: string;
  /** Empty: the referenced table's primary key. */
  columns: string[];
  onDelete: string | null;
}

export interface Constraint {
  name: string | null;
  kind: ConstraintKind;
  columns: string[];
  references?: ForeignKeyTarget;
  /** The CHECK expression's source text. */
  expression?: string;
  /** Added `NOT VALID` and not validated since. */
  notValid: boolean;
  loc: SourceLoc;
}

export interface Index {
  name: string | null;
  schema: string;
  table: string;
  /** Key columns in order; an expression key is kept as `(expression)`. */
  columns: string[];
  unique: boolean;
  partial: boolean;
  loc: SourceLoc;
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

/** What a policy expression says, read from its parse tree. */
export interface PolicyExpression {
  text: string;
  /** The expression is the constant `true` (or a tautology such as `1 = 1`). */
  alwaysTrue: boolean;
  /** Columns of the table the expression reads. */
  columns: string[];
  /** `auth.uid()`, `auth.jwt()`, `auth.role()` calls not wrapped in `(select …)`: evaluated once per row. */
  unwrappedAuthCalls: string[];
  /** Reads `user_metadata` (or `raw_user_meta_data`), which users can edit themselves. */
  usesUserMetadata: boolean;
}

export interface Policy {
  name: string;
  command: PolicyCommand;
  /** Empty: no `TO` clause, so the policy applies to `public` (every role). */
  roles: string[];
  permissive: boolean;
  using: PolicyExpression | null;
  withCheck: PolicyExpression | null;
  /** The statement that created it, as written, for rollbacks. */
  statement: string;
  loc: SourceLoc;
}

export interface Grant {
  grant: boolean;
  privileges: string[];
  roles: string[];
  loc: SourceLoc;
}

export interface Table {
  schema: string;
  name: string;
  columns: Column[];
  constraints: Constraint[];
  rls: { enabled: boolean; forced: boolean; loc: SourceLoc | null };
  policies: Policy[];
  grants: Grant[];
  /** The Prisma model name, for tables read from schema.prisma. */
  model?: string;
  /** Prisma field name → column name, where they differ or not. */
  fields?: Record<string, string>;
  loc: SourceLoc;
}

export interface SqlFunction {
  schema: string;
  name: string;
  securityDefiner: boolean;
  /** The `SET search_path` value, or null when the function has none. */
  searchPath: string | null;
  loc: SourceLoc;
}

export interface ParseProblem {
  /** `parse`: the file is not valid SQL (or Prisma schema). `replay`: a valid statement that does not apply to the schema read so far. */
  kind: 'parse' | 'replay';
  file: string;
  line: number;
  message: string;
  /** For a replay problem: the statement, and the table it was about, when it names one. */
  statement?: string;
  table?: { schema: string; name: string };
}

export type SchemaSource = 'supabase' | 'prisma' | 'plain' | 'live';

export interface SchemaModel {
  source: SchemaSource;
  /** The package directory the schema belongs to ('' for the root). */
  packageDir: string;
  /** The files read, in the order they were applied. */
  files: string[];
  tables: Table[];
  indexes: Index[];
  functions: SqlFunction[];
  /** Statements read but not modelled (views, triggers, extensions…), by kind. */
  unmodelled: Array<{ kind: string; loc: SourceLoc }>;
  problems: ParseProblem[];
}

export function emptySchema(source: SchemaSource, packageDir: string): SchemaModel {
  return { source, packageDir, files: [], tables: [], indexes: [], functions: [], unmodelled: [], problems: [] };
}

/** Schemas the Supabase Data API serves to anyone holding the anon key. */
export const EXPOSED_SCHEMAS = new Set(['public']);

export function isExposed(table: Table): boolean {
  return EXPOSED_SCHEMAS.has(table.schema);
}

export function qualifiedName(table: { schema: string; name: string }): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}

export function findTable(schema: SchemaModel, tableSchema: string, name: string): Table | undefined {
  return schema.tables.find((t) => t.schema === tableSchema && t.name === name);
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

export function tableIndexes(schema: SchemaModel, table: Table): Index[] {
  return schema.indexes.filter((i) => i.schema === table.schema && i.table === table.name);
}

/** Index-like key lists of a table: its indexes plus what primary keys and unique constraints index implicitly. */
export function indexedKeys(schema: SchemaModel, table: Table): Array<{ columns: string[]; unique: boolean; partial: boolean }> {
  return [
    ...tableIndexes(schema, table).map((i) => ({ columns: i.columns, unique: i.unique, partial: i.partial })),
    ...table.constraints
      .filter((c) => c.kind === 'primary' || c.kind === 'unique' || c.kind === 'exclusion')
      .map((c) => ({ columns: c.columns, unique: c.kind !== 'exclusion', partial: false })),
  ];
}

/** Some index leads with exactly these columns (in any order among the leading ones). */
export function hasLeadingIndex(schema: SchemaModel, table: Table, columns: readonly string[]): boolean {
  return indexedKeys(schema, table).some(
    (key) => !key.partial && key.columns.length >= columns.length && columns.every((c) => key.columns.slice(0, columns.length).includes(c)),
  );
}

/** A unique constraint, unique index or primary key covers a subset of these columns, so they identify one row. */
export function isUniqueOn(schema: SchemaModel, table: Table, columns: readonly string[]): boolean {
  return indexedKeys(schema, table).some(
    (key) => key.unique && !key.partial && key.columns.length > 0 && key.columns.every((c) => columns.includes(c)),
  );
}

export function primaryKey(table: Table): Constraint | undefined {
  return table.constraints.find((c) => c.kind === 'primary');
}

export function foreignKeys(table: Table): Constraint[] {
  return table.constraints.filter((c) => c.kind === 'foreign');
}
