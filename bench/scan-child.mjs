// One measured run in a process of its own, so peak memory is this run's alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [mode, root] = process.argv.slice(2);
const started = performance.now();
let files = 0;
let bytes = 0;

if (mode === 'shipshape' || mode === 'shipshape-cache') {
  const { main } = await import('../dist/src/cli/main.js');
  const write = process.stdout.write.bind(process.stdout);
  let report = '';
  process.stdout.write = (chunk) => ((report += chunk), true);
  await main(['scan', root, '--format', 'json', '--quiet', ...(mode === 'shipshape-cache' ? ['--cache'] : [])]);
  process.stdout.write = write;
  const summary = JSON.parse(report).summary;
  files = summary.files;
} else if (mode === 'shipshape-parse-all') {
  // The worst case: no dependency is declared, so every file's prefilter passes and every file is parsed.
  const { loadProject } = await import('../dist/src/project/load-project.js');
  const { scan } = await import('../dist/src/engine/scan.js');
  const { CHECK_IDS } = await import('../dist/src/registry.js');
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  for (const pkg of project.packages) pkg.dependencies = {};
  const result = await scan(project);
  files = result.files;
} else {
  const { default: jscodeshift } = await import('jscodeshift');
  const j = jscodeshift.withParser('tsx');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|jsx?)$/.test(entry.name)) {
        const source = readFileSync(full, 'utf8');
        j(source);
        files++;
        bytes += statSync(full).size;
      }
    }
  };
  walk(root);
}

const ms = performance.now() - started;
const usage = process.resourceUsage();
// CPU time counts every thread of the process: on a busy shared machine it is the steadier figure.
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stderr.write(`${JSON.stringify({ mode, files, bytes, ms, cpuMs, peakMb: usage.maxRSS / 1024 })}\n`);
