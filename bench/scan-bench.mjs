// npm run bench: a full shipshape scan against one jscodeshift parse-only pass over the same corpus.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const count = Number(process.env.BENCH_FILES ?? 10_000);
const root = mkdtempSync(path.join(tmpdir(), 'shipshape-bench-'));

function measure(mode) {
  const result = spawnSync(process.execPath, [path.join(here, 'scan-child.mjs'), mode, root], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0 && mode === 'jscodeshift') throw new Error(result.stderr);
  const line = result.stderr.trim().split('\n').at(-1);
  return JSON.parse(line);
}

try {
  const corpus = writeCorpus(root, count);
  const mb = corpus.bytes / 1024 / 1024;
  console.log(`corpus: ${corpus.files} files, ${mb.toFixed(1)} MB (seeded, in ${root})`);
  const scan = measure('shipshape');
  const parseAll = measure('shipshape-parse-all');
  const parse = measure('jscodeshift');
  const row = (label, r) =>
    `${label.padEnd(30)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(corpus.files / (r.ms / 1000))
      .toString()
      .padStart(7)} files/s  ${(mb / (r.ms / 1000)).toFixed(1).padStart(6)} MB/s  peak ${Math.round(r.peakMb).toString().padStart(5)} MB`;
  console.log(row('shipshape scan (full)', scan));
  console.log(row('shipshape, every file parsed', parseAll));
  console.log(row('jscodeshift parse only', parse));
  const ratio = scan.ms / parse.ms;
  console.log(`worst case: with every file parsed, ${(parseAll.ms / parse.ms).toFixed(3)}× the jscodeshift pass`);
  console.log(
    `ratio: scan takes ${ratio.toFixed(3)}× the jscodeshift pass (goal ≤ 0.25×); scan peak ${Math.round(scan.peakMb)} MB (goal ≤ 500 MB)`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
