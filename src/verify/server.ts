import { UsageError } from '../errors.ts';
import { introspect } from '../sql/introspect.ts';
import { qualifiedIdentifier, quoteIdentifier } from '../sql/names.ts';
import { INSUFFICIENT_PRIVILEGE, UNDEFINED_TABLE, sqlState, type Database } from './database.ts';
import { SUPABASE_ROLES } from './supabase.ts';

export interface ServerAccess {
  user: string;
  /** The role may create the scratch database verify would rather work in. */
  createDatabase: boolean;
  /** What the role lacks for the Supabase emulation, each with why it is needed; empty when nothing. */
  missing: string[];
}

/** What the connected role may do, against what verify's Supabase emulation needs on a server. */
export async function serverAccess(db: Database): Promise<ServerAccess> {
  const { rows } = await db.query<{
    user: string;
    superuser: boolean;
    createrole: boolean;
    createdb: boolean;
    bypassrls: boolean;
    create_schema: boolean;
    database: string;
    existing: string[];
    service_bypass: boolean | null;
  }>(
    `select current_user as user, r.rolsuper as superuser, r.rolcreaterole as createrole, r.rolcreatedb as createdb, r.rolbypassrls as bypassrls,
            pg_catalog.has_database_privilege(current_database(), 'CREATE') as create_schema, current_database() as database,
            array(select rolname::text from pg_catalog.pg_roles where rolname = any($1::text[])) as existing,
            (select rolbypassrls from pg_catalog.pg_roles where rolname = 'service_role') as service_bypass
       from pg_catalog.pg_roles r where r.rolname = current_user`,
    [[...SUPABASE_ROLES]],
  );
  const row = rows[0]!;
  const missing: string[] = [];
  const toCreate = SUPABASE_ROLES.filter((role) => !row.existing.includes(role));
  if (!row.superuser) {
    if (toCreate.length > 0 && !row.createrole) missing.push(`CREATEROLE, to create the roles ${toCreate.join(', ')}`);
    if (!row.service_bypass && !(row.createrole && row.bypassrls))
      missing.push('SUPERUSER, to give service_role BYPASSRLS as Supabase does');
    if (!row.createdb && !row.create_schema)
      missing.push(`CREATEDB, or CREATE on database ${row.database}, to create the schemas auth and extensions`);
  }
  return { user: row.user, createDatabase: row.superuser || row.createdb, missing };
}

export async function existingSupabaseRoles(db: Database): Promise<Set<string>> {
  const { rows } = await db.query<{ name: string }>(
    `select rolname::text as name from pg_catalog.pg_roles where rolname = any($1::text[])`,
    [[...SUPABASE_ROLES]],
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Drops the Supabase roles that exist now but did not before: roles belong to the whole server,
 * so a scratch run must not leave them behind. What they still own in `db` goes first.
 * Returns the roles that could not be dropped, with the reason.
 */
export async function dropRolesCreatedSince(db: Database, before: ReadonlySet<string>): Promise<string[]> {
  const problems: string[] = [];
  for (const role of await existingSupabaseRoles(db)) {
    if (before.has(role)) continue;
    try {
      await db.exec(`drop owned by ${quoteIdentifier(role)}`);
      await db.exec(`drop role if exists ${quoteIdentifier(role)}`);
    } catch (error) {
      problems.push(`${role}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Refuses a database whose tables hold rows: verify creates tables and users, and must never touch real data. */
export async function assertScratch(db: Database, label: string): Promise<void> {
  const schema = await introspect(db, label);
  for (const table of schema.tables) {
    const { rows } = await db.query(`select 1 from ${qualifiedIdentifier(table.schema, table.name)} limit 1`).catch((error: unknown) => {
      // A table dropped since the listing holds no rows.
      if (sqlState(error) === UNDEFINED_TABLE) return { rows: [] };
      if (sqlState(error) !== INSUFFICIENT_PRIVILEGE) throw error;
      throw new UsageError(
        `${label}: the role may not read ${table.schema}.${table.name}, so verify cannot tell whether the database is an empty scratch one`,
        'connect as a superuser of a scratch server (such as postgres on a local one), to an empty database made for this (createdb shipshape_scratch)',
      );
    });
    if (rows.length > 0) {
      throw new UsageError(
        `${label} is not an empty scratch database: ${table.schema}.${table.name} holds rows`,
        'point --database-url at an empty database made for this (createdb shipshape_scratch); verify creates its own database there and drops it after',
      );
    }
  }
  const { rows } = await db.query<{ users: boolean }>(`select to_regclass('auth.users') is not null as users`);
  if (rows[0]?.users && (await db.query(`select 1 from auth.users limit 1`)).rows.length > 0) {
    throw new UsageError(
      `${label} is not an empty scratch database: auth.users holds users`,
      'never point verify at a live Supabase database; use an empty scratch database',
    );
  }
}
