// The `transform` half of `npm run bench`: one transform over a 2,000-file corpus with shipshape, then with jscodeshift -t.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const id = process.env.BENCH_TRANSFORM ?? 'bound-list-query';
const count = Number(process.env.BENCH_TRANSFORM_FILES ?? 2000);
const root = mkdtempSync(path.join(tmpdir(), 'shipshape-transform-bench-'));

function timed(command, args, cwd) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} failed: ${result.stderr}`);
  return { ms: performance.now() - started, stdout: result.stdout };
}

try {
  const corpus = writeCorpus(root, count, 4242);
  execFileSync('git', ['init', '-q'], { cwd: root });
  console.log(`\ntransform corpus: ${corpus.files} files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB; transform ${id}, dry run`);
  const ours = timed(process.execPath, [path.join(repo, 'bin', 'shipshape.js'), 'transform', id, '.', '--dry-run', '--json'], root);
  const summary = JSON.parse(ours.stdout);
  const theirs = timed(
    path.join(repo, 'node_modules', '.bin', 'jscodeshift'),
    ['-t', path.join(repo, 'transforms', `${id}.ts`), '--dry', '--silent', '--extensions=ts,tsx,js,jsx', '.'],
    root,
  );
  console.log(
    `shipshape transform          ${(ours.ms / 1000).toFixed(2).padStart(6)} s  (${summary.changed.length} changed, ${summary.unchanged.length} unchanged, ${summary.skipped.length} skipped, ${summary.failed.length} failed)`,
  );
  console.log(`jscodeshift -t               ${(theirs.ms / 1000).toFixed(2).padStart(6)} s`);
  console.log(`ratio: shipshape takes ${(ours.ms / theirs.ms).toFixed(3)}× the jscodeshift run (goal ≤ 0.5×)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
