export async function sorted(client: { query(sql: string): Promise<unknown> }, table: string, descending: boolean) {
  if (descending)
    return client.query(`SELECT * FROM ${table} ORDER BY id DESC`);
  for (const column of ['id', 'title'])
    await client.query(`SELECT * FROM notes ORDER BY ${column}`);
  return client.query(`SELECT * FROM notes`);
}
