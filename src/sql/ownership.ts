import { findColumn, findTable, foreignKeys, primaryKey, qualifiedName, type Constraint, type SchemaModel, type Table } from './model.ts';

/** Column names that say "the user this row belongs to", snake_case and camelCase. */
export const OWNER_COLUMN_NAMES = [
  'user_id',
  'owner_id',
  'author_id',
  'created_by',
  'profile_id',
  'userId',
  'ownerId',
  'authorId',
  'createdBy',
  'profileId',
];

export type Ownership =
  | { kind: 'column'; column: string; reason: string }
  /** A profile table keyed by the user's id. */
  | { kind: 'profile'; column: string; reason: string }
  /** No owner column of its own: ownership follows a foreign key to an owned parent. */
  | { kind: 'inherited'; column: string; parent: Table; parentColumn: string; parentOwnership: Ownership; reason: string };

const USER_TABLE_NAMES = new Set(['users', 'user', 'User', 'Users', 'app_users', 'accounts']);

/** The tables whose rows are users: Supabase's `auth.users`, and the app's own users table if it has one. */
export function isUsersTable(schema: SchemaModel, target: { schema: string; table: string }): boolean {
  if (target.schema === 'auth' && target.table === 'users') return true;
  return target.schema === 'public' && USER_TABLE_NAMES.has(target.table) && findTable(schema, 'public', target.table) !== undefined;
}

function singleColumnFk(table: Table, column: string): Constraint | undefined {
  return foreignKeys(table).find((fk) => fk.columns.length === 1 && fk.columns[0] === column);
}

/** The owner column itself, without inheritance: a FK to the users table wins over a name. */
function directOwnership(schema: SchemaModel, table: Table): Ownership | null {
  if (isUsersTable(schema, { schema: table.schema, table: table.name }) && !(table.schema === 'auth')) {
    const pk = primaryKey(table);
    const fk = pk && pk.columns.length === 1 ? singleColumnFk(table, pk.columns[0]!) : undefined;
    if (fk?.references && isUsersTable(schema, fk.references))
      return {
        kind: 'profile',
        column: pk!.columns[0]!,
        reason: `${pk!.columns[0]} references ${qualifiedName({ schema: fk.references.schema, name: fk.references.table })}`,
      };
    return null;
  }
  const pk = primaryKey(table);
  if (pk && pk.columns.length === 1) {
    const fk = singleColumnFk(table, pk.columns[0]!);
    if (fk?.references && isUsersTable(schema, fk.references)) {
      return {
        kind: 'profile',
        column: pk.columns[0]!,
        reason: `its primary key ${pk.columns[0]} is the user's id (references ${qualifiedName({ schema: fk.references.schema, name: fk.references.table })})`,
      };
    }
  }
  for (const fk of foreignKeys(table)) {
    if (fk.columns.length === 1 && fk.references && isUsersTable(schema, fk.references) && fk.columns[0] !== pk?.columns[0]) {
      return {
        kind: 'column',
        column: fk.columns[0]!,
        reason: `${fk.columns[0]} references ${qualifiedName({ schema: fk.references.schema, name: fk.references.table })}`,
      };
    }
  }
  for (const name of OWNER_COLUMN_NAMES) {
    if (findColumn(table, name)) return { kind: 'column', column: name, reason: `it has a column named ${name}` };
  }
  return null;
}

/** Who owns a table's rows, following foreign keys to an owned parent (at most three hops); null when nothing says. */
export function inferOwnership(schema: SchemaModel, table: Table, depth = 0): Ownership | null {
  const direct = directOwnership(schema, table);
  if (direct || depth >= 3) return direct;
  for (const fk of foreignKeys(table)) {
    if (fk.columns.length !== 1 || !fk.references) continue;
    const parent = findTable(schema, fk.references.schema, fk.references.table);
    if (!parent || parent === table) continue;
    const parentOwnership = inferOwnership(schema, parent, depth + 1);
    if (!parentOwnership) continue;
    const parentColumn = fk.references.columns[0] ?? primaryKey(parent)?.columns[0];
    if (!parentColumn) continue;
    return {
      kind: 'inherited',
      column: fk.columns[0]!,
      parent,
      parentColumn,
      parentOwnership,
      reason: `${fk.columns[0]} references ${qualifiedName(parent)}, whose rows are owned`,
    };
  }
  return null;
}

/** The column that holds the owner's id on this table, when it has one of its own. */
export function ownerColumn(schema: SchemaModel, table: Table): string | null {
  const direct = directOwnership(schema, table);
  return direct && direct.kind === 'column' ? direct.column : null;
}

/**
 * A SELECT policy open to everyone, `using (true)`, says the table is meant to be public-read. A
 * `for all using (true)` policy does not: it is the usual "make it work" hole, not a decision.
 */
export function isPublicRead(table: Table): boolean {
  return table.policies.some(
    (p) => p.command === 'select' && p.permissive && p.using?.alwaysTrue && (p.roles.length === 0 || p.roles.includes('anon')),
  );
}
