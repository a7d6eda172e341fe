import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSqlParser, parseSqlStatements } from '../../src/sql/sql-reader.ts';
import { openPglite } from '../../src/verify/database.ts';
import type { Generation } from '../../src/sql/generate.ts';
import { FIXTURES, cleanTempDirs, copyFixture, writeTree, squawk } from '../helpers.ts';
import { generateFor } from './standalone-migrations.ts';

await loadSqlParser();
afterAll(cleanTempDirs);

/** What `dedupe-webhook-events` leaves in a handler: the code names the table. */
const RECORDING_HANDLER = `export async function POST(req: Request) {
  await supabaseAdmin.from('webhook_events').upsert({ id: 'evt_1', provider: 'stripe', type: 'invoice.paid' }, { ignoreDuplicates: true });
  return new Response('ok');
}
`;

function write(root: string, generation: Generation): string[] {
  return generation.files.flatMap((file) =>
    [
      [file.path, file.content],
      [file.rollbackPath, file.rollbackContent],
    ].map(([rel, content]) => {
      mkdirSync(path.dirname(path.join(root, rel!)), { recursive: true });
      writeFileSync(path.join(root, rel!), content!);
      return rel!;
    }),
  );
}

describe('the webhook_events migration', () => {
  const root = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
  writeTree({ 'app/api/webhooks/stripe/route.ts': RECORDING_HANDLER }, root);
  const generation = generateFor(root);
  const file = generation.files.find((f) => f.part === 'webhook-events')!;

  it('comes after the other migrations, when the code records events in a table the schema lacks', () => {
    expect(generation.files.map((f) => f.part)).toEqual(['rls', 'constraints', 'validation', 'indexes', 'webhook-events']);
    expect(file.path).toBe('supabase/migrations/20260102030409_shipshape_webhook_events.sql');
    expect(file.rollbackPath).toBe('supabase/rollbacks/20260102030409_shipshape_webhook_events.sql');
  });

  it('creates the table with row level security, no policy, and no grant to the API roles', () => {
    const statements = parseSqlStatements(file.content).map((s) => s.text.replace(/\s+/g, ' '));
    expect(statements).toContain(
      'create table if not exists public.webhook_events ( id text primary key, provider text not null, type text not null, received_at timestamptz not null default now() )',
    );
    expect(statements).toContain('alter table public.webhook_events enable row level security');
    expect(statements).toContain('revoke all on table public.webhook_events from anon, authenticated');
    expect(file.content).not.toMatch(/create policy/i);
  });

  it('passes squawk with zero warnings; its rollback too, but for the drop of the table it is the undo of', () => {
    const [migration, rollback] = write(root, { ...generation, files: [file] });
    const strict = squawk(root, [migration!]);
    expect(strict.output).toContain('Found 0 issues in 1 file');
    expect(strict.code).toBe(0);
    expect(squawk(root, [rollback!]).output).toContain('ban-drop-table');
    const undo = squawk(root, [rollback!], ['ban-drop-table']);
    expect(undo.output).toContain('Found 0 issues in 1 file');
    expect(undo.code).toBe(0);
  });

  it('applies on the Supabase emulation, where only the server role may write, and rolls back', async () => {
    const db = await openPglite({ supabase: true });
    try {
      for (const migration of ['20240101000000_init.sql', '20240215000000_comments_and_billing.sql'])
        await db.exec(readFileSync(path.join(root, 'supabase/migrations', migration), 'utf8'));
      await db.exec(file.content);
      await db.exec("insert into public.webhook_events (id, provider, type) values ('evt_1', 'stripe', 'invoice.paid')");
      const again = await db.query<{ id: string }>(
        "insert into public.webhook_events (id, provider, type) values ('evt_1', 'stripe', 'invoice.paid') on conflict do nothing returning id",
      );
      expect(again.rows).toEqual([]);
      await expect(db.exec("set role authenticated; insert into public.webhook_events values ('evt_2', 'stripe', 'x')")).rejects.toThrow(
        /permission denied/,
      );
      await db.exec('reset role');
      await db.exec(file.rollbackContent);
      const left = await db.query<{ name: string | null }>("select to_regclass('public.webhook_events')::text as name");
      expect(left.rows).toEqual([{ name: null }]);
    } finally {
      await db.close();
    }
  });

  it('is not written again once it exists, nor with --only, nor for a Prisma schema', () => {
    expect(generateFor(root).files.map((f) => f.part)).not.toContain('webhook-events');
    const fresh = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    writeTree({ 'app/api/webhooks/stripe/route.ts': RECORDING_HANDLER }, fresh);
    expect(generateFor(fresh, 'rls').files.map((f) => f.part)).toEqual(['rls']);
    const prisma = writeTree({
      'package.json': '{"name":"p","dependencies":{"@prisma/client":"6.0.0"}}',
      'prisma/schema.prisma':
        'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\nmodel User {\n  id String @id\n}\n',
      'app/api/webhooks/stripe/route.ts': RECORDING_HANDLER,
    });
    expect(generateFor(prisma).files.map((f) => f.part)).not.toContain('webhook-events');
  });

  it('is not written for an app whose code does not record webhook events', () => {
    const plain = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    expect(generateFor(plain).files.map((f) => f.part)).not.toContain('webhook-events');
  });
});
