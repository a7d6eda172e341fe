import { foreignKeys, indexedKeys, type PolicyCommand, type SchemaModel, type Table } from './model.ts';
import { isPublicRead, isUsersTable, ownerColumn } from './ownership.ts';

export type GuardedAction = 'read' | 'update' | 'delete';

/** What the schema says about a table whose rows have an owner, in the names the code uses for it. */
export interface OwnedTarget {
  /** The owner column, or the Prisma field that maps to it. */
  owner: string;
  ownerColumn: string;
  /** Its unique keys (primary key, unique constraints and indexes), each a list of names. */
  keys: string[][];
  /** The actions a client with the user's session cannot take on another user's rows: RLS owner policies (or no policy) stop it. */
  rlsGuards: GuardedAction[];
  /** A SELECT policy open to everyone: the rows are public to read. */
  publicRead: boolean;
}

const COMMAND: Record<GuardedAction, PolicyCommand> = { read: 'select', update: 'update', delete: 'delete' };

/**
 * With RLS on, an action is guarded when every permissive policy that allows it compares the owner
 * column (or `auth.uid()`) with the user; with no such policy at all, PostgREST refuses it.
 */
function guardedActions(table: Table, owner: string): GuardedAction[] {
  if (!table.rls.enabled) return [];
  return (Object.keys(COMMAND) as GuardedAction[]).filter((action) =>
    table.policies
      .filter((p) => p.permissive && (p.command === COMMAND[action] || p.command === 'all'))
      .every((p) => {
        const expression = p.using ?? p.withCheck;
        return (
          expression !== null && !expression.alwaysTrue && (expression.columns.includes(owner) || /auth\.uid\(\)/i.test(expression.text))
        );
      }),
  );
}

/**
 * Every table of the schema with an owner column of its own, keyed `table:<name>` (supabase-js and
 * SQL name tables) and, for Prisma models, `prisma:<accessor>` (`prisma.post` reads model `Post`).
 */
export function ownedTargets(schema: SchemaModel): Record<string, OwnedTarget> {
  const targets: Record<string, OwnedTarget> = {};
  for (const table of schema.tables) {
    if (table.schema !== 'public') continue;
    const column = ownerColumn(schema, table);
    // A column named like an owner that references another table (`author_id` → `Author`, a playwright) holds no user.
    if (
      !column ||
      foreignKeys(table).some(
        (fk) => fk.columns.length === 1 && fk.columns[0] === column && fk.references && !isUsersTable(schema, fk.references),
      )
    )
      continue;
    const keys = indexedKeys(schema, table)
      .filter((key) => key.unique && !key.partial && key.columns.length > 0)
      .map((key) => key.columns);
    const facts = { ownerColumn: column, rlsGuards: guardedActions(table, column), publicRead: isPublicRead(table) };
    targets[`table:${table.name}`] = { owner: column, keys, ...facts };
    if (table.model && table.fields) {
      const fieldOf = (name: string) => Object.entries(table.fields!).find(([, c]) => c === name)?.[0] ?? name;
      const accessor = table.model.charAt(0).toLowerCase() + table.model.slice(1);
      targets[`prisma:${accessor}`] = { owner: fieldOf(column), keys: keys.map((k) => k.map(fieldOf)), ...facts };
    }
  }
  return targets;
}

/** The table a record query reaches, by its shape and target. */
export function ownedTarget(
  targets: Record<string, OwnedTarget>,
  shape: 'prisma' | 'supabase' | 'sql',
  target: string,
): OwnedTarget | undefined {
  return targets[`${shape === 'prisma' ? 'prisma' : 'table'}:${target}`];
}
