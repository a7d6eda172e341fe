import type { Client } from 'pg';

/** Records a read in the audit table, on the caller's connection. */
export async function audit(client: Client, table: string): Promise<void> {
  await client.query('INSERT INTO audit_log (table_name) VALUES ($1)', [table]);
}
