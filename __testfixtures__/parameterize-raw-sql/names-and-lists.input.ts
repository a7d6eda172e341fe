export async function sorted(client: { query(sql: string): Promise<unknown> }, table: string, column: string, ids: number[]) {
  const a = await client.query(`SELECT * FROM ${table} WHERE id = 1`);
  const b = await client.query(`SELECT * FROM notes ORDER BY ${column}`);
  const c = await client.query(`SELECT * FROM notes WHERE id IN (${ids.join(',')})`);
  return [a, b, c];
}
