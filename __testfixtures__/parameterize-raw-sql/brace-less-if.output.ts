export async function sorted(client: { query(sql: string): Promise<unknown> }, table: string, descending: boolean) {
  // TODO(shipshape): a table or column name is spliced into the SQL; placeholders can only stand for values
  if (descending)
    return client.query(`SELECT * FROM ${table} ORDER BY id DESC`);
  // TODO(shipshape): a table or column name is spliced into the SQL; placeholders can only stand for values
  for (const column of ['id', 'title'])
    await client.query(`SELECT * FROM notes ORDER BY ${column}`);
  return client.query(`SELECT * FROM notes`);
}
