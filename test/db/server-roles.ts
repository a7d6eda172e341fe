import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/**
 * Roles are shared by every database of a server. The suites that create Supabase's roles on the
 * test server (emulating Supabase, or through `verify`) and the one that checks `verify` leaves the
 * server's roles as it found them take this lock, so no test file sees roles another is making.
 */
async function lockServerRoles(url: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("select pg_advisory_lock(hashtext('shipshape-test-server-roles'))");
  return async () => {
    await client.query("select pg_advisory_unlock(hashtext('shipshape-test-server-roles'))");
    await client.end();
  };
}

/**
 * Holds that lock from before the first test of the enclosing describe until after its last. Called
 * before the describe's own hooks: vitest runs afterAll hooks in reverse order, so the describe's own
 * clean-up (dropping its database and the roles it made) is done before the lock is let go.
 */
export function holdServerRolesLock(url: string): void {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    release = await lockServerRoles(url);
  });
  afterAll(async () => {
    await release?.();
  });
}
