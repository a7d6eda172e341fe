export async function sorted(client: { query(sql: string, values?: unknown[]): Promise<unknown> }, table: string, column: string, ids: number[]) {
  const a = await client.query(`SELECT * FROM ${table} WHERE id = 1`);
  const b = await client.query(`SELECT * FROM notes ORDER BY ${column}`);
  const c = await client.query(`SELECT * FROM notes WHERE id IN (${ids.join(',')})`);
  const d = await client.query(`UPDATE notes SET ${column} = true WHERE id = $1`, [ids[0]]);
  return [a, b, c, d];
}
