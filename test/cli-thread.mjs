// Runs the built CLI's main() on request, in a thread of the test process, so a test can call it
// synchronously without starting a process each time.
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

const done = new Int32Array(workerData.done);
process.on('exit', () => {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});

const { main } = await import(new URL('../dist/src/cli/main.js', import.meta.url).href);
const { watchWrites } = await import(new URL('../dist/src/engine/durable-fs.js', import.meta.url).href);

function collector(isTTY) {
  const chunks = [];
  return { chunks, stream: { isTTY, write: (text) => (chunks.push(String(text)), true) } };
}

/** Copies the tree after every disk write to `into/<n>`: what a kill right after write n leaves behind. */
function snapshotEveryWrite(root, into) {
  return watchWrites((count) => {
    const target = path.join(into, String(count));
    mkdirSync(target, { recursive: true });
    cpSync(root, target, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  });
}

parentPort.on('message', async ({ args, cwd, env, input, snapshotsTo, reply }) => {
  const stdout = collector(false);
  const stderr = collector(false);
  const stopSnapshots = snapshotsTo ? snapshotEveryWrite(cwd, snapshotsTo) : () => {};
  let result;
  try {
    const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from(input ? [input] : []), cwd, env });
    result = { code, stdout: stdout.chunks.join(''), stderr: stderr.chunks.join('') };
  } catch (error) {
    result = { code: -1, stdout: stdout.chunks.join(''), stderr: `${stderr.chunks.join('')}main() threw: ${error?.stack ?? error}` };
  } finally {
    stopSnapshots();
  }
  reply.postMessage(result);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
