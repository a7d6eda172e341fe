import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { globbySync } from 'globby';
const files = globbySync('**/*.{ts,tsx}', { cwd: '/tmp/corpus' });
const n = Number(process.argv[2]);
const t0 = performance.now();
await Promise.all(Array.from({ length: n }, (_, i) => new Promise((res) => {
  const chunk = files.filter((_, k) => k % n === i);
  const w = new Worker(`
    const { workerData, parentPort } = await import('node:worker_threads');
    const { readFileSync } = await import('node:fs');
    const { parseSource } = await import('/work/main/dist/src/engine/parse.js');
    const t = performance.now();
    for (const f of workerData) parseSource(f, readFileSync('/tmp/corpus/' + f, 'utf8'));
    parentPort.postMessage(performance.now() - t);
  `, { eval: true, workerData: chunk, type: 'module', resourceLimits: process.argv[3] ? { maxYoungGenerationSizeMb: Number(process.argv[3]) } : undefined });
  w.on('message', (m) => { console.log('worker', i, 'parse ms', Math.round(m)); res(); });
})));
console.log('all', Math.round(performance.now() - t0));
