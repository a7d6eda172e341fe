// npm run bench: a full shipshape scan against one jscodeshift parse-only pass over the same corpus.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  const cacheFilled = measure('shipshape-cache');
  const cached = measure('shipshape-cache');
  const libFolder = path.join(root, 'lib', readdirSync(path.join(root, 'lib'))[0]);
  appendFileSync(path.join(libFolder, readdirSync(libFolder)[0]), `\nexport const edited = ${Date.now()};\n`);
  const oneChanged = measure('shipshape-cache');
  const row = (label, r) => {
    const seconds = r.ms / 1000;
    const rate = `${Math.round(corpus.files / seconds)
      .toString()
      .padStart(7)} files/s  ${(mb / seconds).toFixed(1).padStart(6)} MB/s`;
    return `${label.padEnd(30)} ${seconds.toFixed(2).padStart(7)} s  ${rate}  cpu ${(r.cpuMs / 1000).toFixed(2).padStart(6)} s  peak ${Math.round(r.peakMb).toString().padStart(5)} MB`;
  };
  console.log(row('shipshape scan (full)', scan));
  console.log(row('shipshape, every file parsed', parseAll));
  console.log(row('jscodeshift parse only', parse));
  console.log(row('scan --cache, filling it', cacheFilled));
  console.log(row('scan --cache, nothing changed', cached));
  console.log(row('scan --cache, one file changed', oneChanged));
  console.log('beside the jscodeshift pass            wall     cpu  goal');
  const beside = (label, r, goal) => {
    const wall = r.ms / parse.ms;
    const cpu = r.cpuMs / parse.cpuMs;
    const verdict = wall <= goal ? '' : cpu <= goal ? '  (met in cpu time only)' : '  MISSED';
    console.log(`${label.padEnd(34)} ${wall.toFixed(3).padStart(7)}× ${cpu.toFixed(3).padStart(6)}×  ≤ ${goal}×${verdict}`);
  };
  beside('cold scan', scan, 0.15);
  beside('worst case, every file parsed', parseAll, 0.35);
  beside('--cache, nothing changed', cached, 0.05);
  beside('--cache, one file changed', oneChanged, 0.05);
  console.log(`scan peak ${Math.round(scan.peakMb)} MB (goal ≤ 500 MB); cached ${Math.round(cached.peakMb)} MB`);
  if (scan.files !== cached.files || scan.files !== oneChanged.files)
    throw new Error('the cached scans checked a different number of files');
} finally {
  rmSync(root, { recursive: true, force: true });
}
