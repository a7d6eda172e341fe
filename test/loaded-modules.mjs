// Preload (`node --import`) that lists every module a process loads, per thread, into the file named
// by SHIPSHAPE_LOADED_MODULES: ES modules through a load hook, CommonJS ones from require.cache at exit.
// Worker threads inherit the preload with the process's execArgv, so they are listed too.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { threadId } from 'node:worker_threads';

const out = process.env.SHIPSHAPE_LOADED_MODULES;
if (out) {
  register('./loaded-modules-hooks.mjs', import.meta.url, { data: { out, thread: threadId } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    appendFileSync(out, Object.keys(require.cache).map((file) => `${threadId} ${file}\n`).join(''));
  });
}
