import pg from 'pg';

/**
 * Roles are shared by every database of a server. The suites that create Supabase's roles on the
 * test server (emulating Supabase, or through `verify`) and the one that checks `verify` leaves the
 * server's roles as it found them take this lock, so no test file sees roles another is making.
 */
export async function lockServerRoles(url: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("select pg_advisory_lock(hashtext('shipshape-test-server-roles'))");
  return async () => {
    await client.query("select pg_advisory_unlock(hashtext('shipshape-test-server-roles'))");
    await client.end();
  };
}
