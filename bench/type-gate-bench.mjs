// The type gate's part of `npm run bench`: `fix --dry-run` on a generated 200-file TypeScript app,
// once with its dependencies installed (the gate type-checks every changed file) and once without (skipped).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.env.BENCH_TYPE_GATE_FILES ?? 200);
const handlers = Math.round(count / 4);

function write(root, file, text) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** Library modules that import one another, and API handlers that call them and fetch without a timeout (one fix each). */
function writeApp(root) {
  write(
    root,
    'package.json',
    `${JSON.stringify({ name: 'type-gate-bench', private: true, dependencies: { next: '16.4.5', pg: '^8.12.0', react: '^19.0.0', 'react-dom': '^19.0.0' }, devDependencies: { '@types/node': '^20.0.0', '@types/pg': '^8.11.0', '@types/react': '^19.0.0', typescript: '~5.9' } }, null, 2)}\n`,
  );
  write(root, 'package-lock.json', '{ "name": "type-gate-bench", "lockfileVersion": 3, "requires": true, "packages": {} }\n');
  write(root, '.gitignore', 'node_modules\n.next\n');
  write(root, '.env.example', 'DATABASE_URL=\n');
  write(
    root,
    'tsconfig.json',
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['dom', 'esnext'], strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', skipLibCheck: true, types: ['node'] }, include: ['**/*.ts', '**/*.tsx'], exclude: ['node_modules'] }, null, 2)}\n`,
  );
  const libraries = count - handlers;
  for (let i = 0; i < libraries; i++) {
    const previous = i > 0 ? `import { score${i - 1} } from './mod${i - 1}';\n\n` : '';
    const body = i > 0 ? `score${i - 1}(item) + item.weight * ${i}` : 'item.weight';
    write(
      root,
      `lib/mod${i}.ts`,
      `${previous}export interface Item${i} {\n  id: string;\n  weight: number;\n  tags: string[];\n}\n\nexport function score${i}(item: { weight: number }): number {\n  return ${body};\n}\n\nexport function rank${i}(items: Item${i}[]): Item${i}[] {\n  return [...items].sort((a, b) => score${i}(b) - score${i}(a));\n}\n`,
    );
  }
  for (let i = 0; i < handlers; i++) {
    const lib = i % libraries;
    write(
      root,
      `pages/api/feed${i}.ts`,
      `import type { NextApiRequest, NextApiResponse } from 'next';\nimport { rank${lib}, type Item${lib} } from '../../lib/mod${lib}';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const upstream = await fetch(\`https://api.example.com/feed/${i}?q=\${req.query.q}\`);\n  const items = (await upstream.json()) as Item${lib}[];\n  res.status(200).json(rank${lib}(items));\n}\n`,
    );
  }
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync(
    'git',
    ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'app'],
    { cwd: root },
  );
}

// CPU seconds as well as wall time: on a shared machine the wall time says more about the neighbours.
const GNU_TIME = '/usr/bin/time';

function fixDryRun(root) {
  const usage = path.join(root, '..', `${path.basename(root)}.time`);
  const command = [process.execPath, path.join(repo, 'bin', 'shipshape.js'), 'fix', root, '--dry-run', '--quiet'];
  const [file, ...args] = existsSync(GNU_TIME) ? [GNU_TIME, '-o', usage, '-f', '%U %S %M', ...command] : command;
  const started = performance.now();
  const result = spawnSync(file, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`fix --dry-run failed: ${result.stderr}`);
  const ms = performance.now() - started;
  let cpu = null;
  let peakMb = null;
  if (existsSync(usage)) {
    const [user, system, kb] = readFileSync(usage, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
    cpu = user + system;
    peakMb = kb / 1024;
    rmSync(usage);
  }
  return { ms, cpu, peakMb, changed: (result.stdout.match(/^diff --git /gm) ?? []).length, stderr: result.stderr };
}

const describe = (run) =>
  `${(run.ms / 1000).toFixed(2).padStart(6)} s${run.cpu === null ? '' : `  cpu ${run.cpu.toFixed(2).padStart(6)} s  peak ${run.peakMb.toFixed(0).padStart(4)} MB`}`;

const root = mkdtempSync(path.join(tmpdir(), 'shipshape-type-gate-bench-'));
try {
  writeApp(root);
  const skipped = fixDryRun(root);
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  const gated = fixDryRun(root);
  const held = /held back: (\d+)/.exec(gated.stderr)?.[1] ?? '0';
  console.log(`\ntype gate: ${count}-file TypeScript app (next, react, node types), fix --dry-run changes ${gated.changed} file(s)`);
  console.log(`fix, gate skipped (no node_modules)   ${describe(skipped)}`);
  console.log(`fix, every changed file type-checked  ${describe(gated)}  (${held} held back)`);
  const cost =
    gated.cpu === null
      ? `${((gated.ms - skipped.ms) / 1000).toFixed(2)} s of wall time`
      : `${(gated.cpu - skipped.cpu).toFixed(2)} s of CPU`;
  console.log(`the gate costs ${cost} for ${gated.changed} changed file(s)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
