export async function sorted(client: { query(sql: string, values?: unknown[]): Promise<unknown> }, table: string, column: string, ids: number[]) {
  // TODO(shipshape): a table or column name is spliced into the SQL; placeholders can only stand for values
  const a = await client.query(`SELECT * FROM ${table} WHERE id = 1`);
  // TODO(shipshape): a table or column name is spliced into the SQL; placeholders can only stand for values
  const b = await client.query(`SELECT * FROM notes ORDER BY ${column}`);
  // TODO(shipshape): a list is spliced into `IN (…)`; pass an array and use `= ANY($1)` instead
  const c = await client.query(`SELECT * FROM notes WHERE id IN (${ids.join(',')})`);
  // TODO(shipshape): a table or column name is spliced into the SQL; placeholders can only stand for values
  const d = await client.query(`UPDATE notes SET ${column} = true WHERE id = $1`, [ids[0]]);
  return [a, b, c, d];
}
