// npm run bench: whole-process start-up of the CLI beside bare `node -e 0`, measured in one run, the
// commands interleaved so that load from elsewhere on the machine falls on each of them alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const bin = path.join(repo, 'bin', 'shipshape.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const prototype = path.join(repo, '__testfixtures__', 'apps', 'prototype');
const HEAVY = [
  'jscodeshift',
  'recast',
  'prettier',
  'handlebars',
  '@inquirer',
  '@electric-sql/pglite',
  'ts-morph',
  'ajv',
  '@babel/types',
  'typescript',
];

const commands = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'shipshape --version', args: [bin, '--version'], goal: 1.5 },
  { label: 'shipshape --help', args: [bin, '--help'], goal: 1.5 },
  { label: 'shipshape list', args: [bin, 'list'], goal: 1.5 },
  { label: 'shipshape scan prototype', args: [bin, 'scan', prototype, '--format', 'json'], goalSeconds: 0.5 },
];

function wallMs(args, env = process.env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

/** The files a process loads (both threads' when it starts workers), and which heavy packages are among them. */
function loadedModules(args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-startup-'));
  const out = path.join(dir, 'modules.txt');
  try {
    const preload = path.join(repo, 'test', 'loaded-modules.mjs');
    wallMs(['--import', preload, ...args], { ...process.env, SHIPSHAPE_LOADED_MODULES: out });
    const files = new Set(
      readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(line.indexOf(' ') + 1)),
    );
    files.delete(preload);
    const heavy = HEAVY.filter((name) => [...files].some((file) => file.includes(`/node_modules/${name}/`)));
    return { count: files.size, heavy };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const times = commands.map(() => []);
for (let run = 0; run < runs; run++) commands.forEach((command, i) => times[i].push(wallMs(command.args)));
const medians = times.map(median);
const bare = medians[0];

console.log(`start-up: whole process, median of ${runs} interleaved runs, beside bare node -e 0`);
commands.forEach((command, i) => {
  const ms = medians[i];
  const modules = command.goal || command.goalSeconds ? loadedModules(command.args) : null;
  const ratio = ms / bare;
  let goal = '';
  if (command.goal) goal = `${ratio.toFixed(2)}× node (goal ≤ ${command.goal}×)${ratio <= command.goal ? '' : '  MISSED'}`;
  if (command.goalSeconds)
    goal = `${ratio.toFixed(2)}× node (goal ≤ ${command.goalSeconds.toFixed(2)} s)${ms / 1000 <= command.goalSeconds ? '' : '  MISSED'}`;
  const loaded = modules
    ? `  ${String(modules.count).padStart(4)} modules${modules.heavy.length ? ` incl. ${modules.heavy.join(', ')}` : ''}`
    : '';
  console.log(`${command.label.padEnd(26)} ${(ms / 1000).toFixed(3).padStart(6)} s  ${goal}${loaded}`);
});
