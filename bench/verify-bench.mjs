// npm run bench: `shipshape verify` on the 5-table Supabase fixture app, as a whole process on PGlite,
// beside its 5 s goal. The first run may make the Supabase snapshot; the median is of the runs after it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(repo, 'bin', 'shipshape.js');
const app = path.join(repo, '__testfixtures__', 'apps', 'supabase-app');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const GOAL_SECONDS = 5;

function once() {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, 'verify', app, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1) throw new Error(`verify exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return { seconds, tables: report.tables.length, inside: report.durationMs / 1000 };
}

const first = once();
const measured = Array.from({ length: runs }, once);
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const wall = median(measured.map((m) => m.seconds));
const inside = median(measured.map((m) => m.inside));
console.log(`\nverify: ${first.tables}-table Supabase fixture app on PGlite, whole process, median of ${runs} after a first run`);
console.log(`first run (may make the snapshot)  ${first.seconds.toFixed(2)} s`);
console.log(
  `shipshape verify                   ${wall.toFixed(2)} s  (migrations and probes ${inside.toFixed(2)} s; goal ≤ ${GOAL_SECONDS} s)${wall > GOAL_SECONDS ? '  MISSED' : ''}`,
);
