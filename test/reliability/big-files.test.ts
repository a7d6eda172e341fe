import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, gitInit, runAsync, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const PACKAGE = JSON.stringify({ name: 'big', dependencies: { next: '14.2.3', '@supabase/supabase-js': '2.45.0' } });

/** A seed migration over 1 MB that also creates a table, as generated seed files often do. */
function seedMigration(): string {
  const rows = Array.from({ length: 30 }, (_, i) => `insert into public.events (title) values ('${`event ${i} `.repeat(4500)}');`);
  return `create table public.events (id bigint generated always as identity primary key, title text not null);\n${rows.join('\n')}\n`;
}

function supabaseApp(): string {
  const seed = seedMigration();
  expect(Buffer.byteLength(seed)).toBeGreaterThan(1.1 * 1024 * 1024);
  return gitInit(
    writeTree({
      'package.json': PACKAGE,
      'lib/db.ts':
        "import { createClient } from '@supabase/supabase-js';\nexport const db = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);\n",
      'supabase/migrations/20240101000000_profiles.sql':
        'create table public.profiles (id uuid primary key references auth.users (id));\nalter table public.profiles enable row level security;\ncreate policy "own profile" on public.profiles for select to authenticated using ((select auth.uid()) = id);\n',
      'supabase/migrations/20240102000000_notes.sql':
        'create table public.notes (id bigint generated always as identity primary key, user_id uuid not null references auth.users (id));\nalter table public.notes enable row level security;\n',
      'supabase/migrations/20240103000000_seed.sql': seed,
      'supabase/migrations/20240104000000_tags.sql':
        'create table public.tags (id bigint generated always as identity primary key, name text not null);\nalter table public.tags enable row level security;\n',
    }),
  );
}

describe('files over 1 MB', () => {
  it('reads a 1.2 MB migration in scan, sql and verify', async () => {
    const app = supabaseApp();
    const scan = JSON.parse((await runAsync(['scan', app, '--format', 'json', '--only', 'rls-disabled'])).stdout);
    expect(scan.findings.map((f: { file: string; ruleId: string }) => `${f.ruleId} ${f.file}`)).toEqual([
      'rls-disabled supabase/migrations/20240103000000_seed.sql',
    ]);
    expect(scan.skipped).toEqual([]);

    const sql = await runAsync(['sql', app, '--dry-run', '--only', 'rls']);
    expect(sql.code).toBe(0);
    expect(sql.stdout).toMatch(/alter table public\.events enable row level security/i);

    const verify = JSON.parse((await runAsync(['verify', app, '--format', 'json'])).stdout);
    expect(verify.migrations).toHaveLength(4);
  }, 240_000);

  it('lists every other skipped file with its reason in text, json and sarif', async () => {
    const app = gitInit(
      writeTree({
        'package.json': PACKAGE,
        'lib/vendor.js': `export const data = ${JSON.stringify('x'.repeat(1024 * 1024 + 10))};\n`,
        'public/logo.png': '\u0089PNG\r\n',
      }),
    );
    const text = await runAsync(['scan', app]);
    expect(text.stdout).toMatch(/^SKIPPED \(2\)$/m);
    expect(text.stdout).toMatch(/^ {2}lib\/vendor\.js {2}larger than 1 MB$/m);
    expect(text.stdout).toMatch(/^ {2}public\/logo\.png {2}binary$/m);

    const json = JSON.parse((await runAsync(['scan', app, '--format', 'json'])).stdout);
    expect(json.skipped).toEqual([
      { path: 'lib/vendor.js', reason: 'too-large' },
      { path: 'public/logo.png', reason: 'binary' },
    ]);

    const sarif = JSON.parse((await runAsync(['scan', app, '--format', 'sarif'])).stdout);
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(
      notifications.map((n: { message: { text: string }; properties: { reason: string } }) => [n.message.text, n.properties.reason]),
    ).toEqual([
      ['lib/vendor.js was not scanned: larger than 1 MB', 'too-large'],
      ['public/logo.png was not scanned: binary', 'binary'],
    ]);
    expect(notifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('lib/vendor.js');
  });
});

describe('long lines', () => {
  it('scans a 1 MB one-line file with 1,000 findings in seconds, and each frame line stays short', async () => {
    const filler = (i: number) => Array.from({ length: 32 }, (_, j) => `const a${i}_${j}=globalThis.x${j};`).join('');
    const line = Array.from({ length: 1_000 }, (_, i) => `${filler(i)}const r${i}=fetch("https://api.example.com/v1/items/${i}");`).join(
      '',
    );
    expect(line.length).toBeGreaterThan(900_000);
    const app = gitInit(writeTree({ 'package.json': PACKAGE, 'lib/bundle.ts': `${line}\n` }));
    const started = performance.now();
    const result = await runAsync(['scan', app, '--only', 'fetch-without-timeout']);
    const seconds = (performance.now() - started) / 1000;
    expect(result.stdout).toContain('1000 findings');
    const firstFetch = filler(0).length + 'const r0='.length + 1;
    expect(result.stdout).toContain(`lib/bundle.ts:1:${firstFetch}  External fetch without a timeout`);
    const lines = result.stdout.split('\n');
    const frames = lines.filter((l) => l.includes('> 1 |'));
    expect(frames).toHaveLength(1000);
    for (const frame of frames) expect(frame.length).toBeLessThan(120);
    const last = frames[999]!;
    expect(last).toMatch(/> 1 \| ….*const r999=fetch\("https:\/\/api\.example\.com\/v1\/items\/…$/);
    const caret = lines[lines.indexOf(last) + 1]!;
    expect(caret.indexOf('^')).toBe(last.indexOf('fetch('));
    expect(seconds).toBeLessThan(15);
  }, 120_000);
});
