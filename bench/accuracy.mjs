// npm run bench:accuracy -- <apps-dir>: scans real apps labelled by hand and prints each check's
// precision and recall; with --fix, runs `fix --yes --all` twice on a copy of each app and checks its output.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as babelParse } from '@babel/parser';
import { createTwoFilesPatch } from 'diff';
import { unionOrderFree } from '../dist/src/engine/type-gate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'bin', 'shipshape.js');

function usage(reason, hint) {
  console.error(`bench:accuracy: ${reason}`);
  console.error(`hint: ${hint}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      'min-precision': { type: 'string' },
      fix: { type: 'boolean', default: false },
      crlf: { type: 'boolean', default: false },
      types: { type: 'boolean', default: false },
      app: { type: 'string', multiple: true },
      labels: { type: 'string', default: path.join(here, 'accuracy') },
      'write-precision': { type: 'string' },
    },
  });
} catch (error) {
  usage(
    error.message,
    'npm run bench:accuracy -- <apps-dir> [--min-precision 0.9] [--fix [--crlf] [--types]] [--app owner+name] [--labels dir]',
  );
}
const [appsDir] = args.positionals;
if (!appsDir || args.positionals.length > 1) {
  usage(
    'expected one argument, the folder that holds the apps',
    'npm run bench:accuracy -- /work/apps (bench/accuracy/fetch.md says how to fill it)',
  );
}
if (!existsSync(appsDir) || !statSync(appsDir).isDirectory()) {
  usage(`${appsDir} is not a folder`, 'bench/accuracy/fetch.md lists the git clone commands that fill it');
}
const minPrecision = args.values['min-precision'] === undefined ? undefined : Number(args.values['min-precision']);
if (minPrecision !== undefined && !(minPrecision >= 0 && minPrecision <= 1)) {
  usage(`--min-precision takes a number from 0 to 1, not ${args.values['min-precision']}`, '--min-precision 0.9');
}

const labelsDir = args.values.labels;
if (!existsSync(labelsDir))
  usage(`${labelsDir} does not exist`, '--labels takes the folder of <owner>+<name>.json label files (default bench/accuracy)');
const labels = readdirSync(labelsDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name: name.slice(0, -'.json'.length), ...JSON.parse(readFileSync(path.join(labelsDir, name), 'utf8')) }))
  .filter((label) => !args.values.app || args.values.app.includes(label.name));
if (labels.length === 0)
  usage(
    `no label file in ${labelsDir}${args.values.app ? ` matches --app ${args.values.app.join(', ')}` : ''}`,
    'the name is <owner>+<name>, as in bench/accuracy/<owner>+<name>.json',
  );

function checkLabels() {
  const known = new Set(JSON.parse(runCli(['list', '--json']).stdout).checks.map((check) => check.id));
  for (const label of labels) {
    const named = [...(label.exhaustive ?? []), ...[...(label.expected ?? []), ...(label.quiet ?? [])].map((entry) => entry.check)];
    const unknown = [...new Set(named.filter((id) => !known.has(id)))];
    if (unknown.length > 0)
      usage(`${label.name}.json names unknown checks: ${unknown.join(', ')}`, 'node bin/shipshape.js list shows every check id');
    if (!/^[0-9a-f]{40}$/.test(label.commit ?? ''))
      usage(`${label.name}.json has no 40-character commit`, 'label the app at one commit: git -C <app> rev-parse HEAD');
  }
}

function appFolder(label) {
  const dir = path.join(appsDir, label.name);
  if (!existsSync(dir)) {
    console.log(`skip ${label.name}: ${dir} not found`);
    return undefined;
  }
  const head = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout?.trim();
  if (head && head !== label.commit) {
    console.log(`skip ${label.name}: checked out at ${head.slice(0, 12)}, labelled at ${label.commit.slice(0, 12)}`);
    return undefined;
  }
  return dir;
}

function runCli(argv) {
  return spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

const nearLine = (entry, line) => entry.line === undefined || Math.abs(line - entry.line) <= (entry.tolerance ?? 0);
const matches = (entry, finding) => entry.check === finding.ruleId && entry.file === finding.file && nearLine(entry, finding.line);
const where = (item) => `${item.file}${item.line === undefined ? '' : `:${item.line}`}`;

function scoreApp(label, findings) {
  const exhaustive = new Set(label.exhaustive ?? []);
  const expected = (label.expected ?? []).map((entry) => ({ ...entry, found: 0 }));
  const quiet = label.quiet ?? [];
  const outcomes = [];
  for (const finding of findings) {
    const hit = expected.find((entry) => matches(entry, finding) && (entry.found === 0 || entry.line === undefined));
    if (hit) {
      hit.found += 1;
      if (hit.found === 1) outcomes.push({ kind: 'tp', check: finding.ruleId, finding });
      continue;
    }
    const twice = expected.find((entry) => matches(entry, finding));
    if (twice) {
      outcomes.push({ kind: 'fp', check: finding.ruleId, finding, why: `reported again at ${where(twice)}` });
      continue;
    }
    const silent = quiet.find((entry) => matches(entry, finding));
    if (silent) {
      outcomes.push({ kind: 'fp', check: finding.ruleId, finding, why: silent.why });
    } else if (exhaustive.has(finding.ruleId)) {
      outcomes.push({ kind: 'fp', check: finding.ruleId, finding, why: 'not labelled, and the labels for this check are exhaustive' });
    } else {
      outcomes.push({ kind: 'unlabelled', check: finding.ruleId, finding });
    }
  }
  for (const entry of expected) {
    if (entry.found === 0) outcomes.push({ kind: 'fn', check: entry.check, entry });
  }
  return outcomes;
}

function ratio(numerator, denominator) {
  return denominator === 0 ? undefined : numerator / denominator;
}
const shown = (value) => (value === undefined ? '   -' : value.toFixed(2));

function accuracy() {
  const all = [];
  let scanned = 0;
  for (const label of labels) {
    const dir = appFolder(label);
    if (!dir) continue;
    const result = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none', '--quiet', '--no-color']);
    if (result.status !== 0) {
      console.log(`${label.name}: scan exited ${result.status}: ${result.stderr.trim().split('\n')[0]}`);
      all.push({ app: label.name, kind: 'error' });
      continue;
    }
    scanned += 1;
    for (const outcome of scoreApp(label, JSON.parse(result.stdout).findings)) all.push({ app: label.name, ...outcome });
  }

  const checks = [...new Set(all.filter((o) => o.check).map((o) => o.check))].sort();
  const count = (rows, kind) => rows.filter((o) => o.kind === kind).length;
  const line = (name, rows) => {
    const tp = count(rows, 'tp');
    const fp = count(rows, 'fp');
    const fn = count(rows, 'fn');
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return { name, tp, fp, fn, unlabelled: count(rows, 'unlabelled'), precision, recall };
  };
  const rows = checks.map((check) =>
    line(
      check,
      all.filter((o) => o.check === check),
    ),
  );
  const total = line('overall', all);

  console.log(`\naccuracy on ${scanned} of ${labels.length} labelled apps\n`);
  const header = `${'check'.padEnd(38)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  precision  recall  unlabelled`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const row of [...rows, total]) {
    if (row === total) console.log('-'.repeat(header.length));
    console.log(
      `${row.name.padEnd(38)} ${String(row.tp).padStart(4)} ${String(row.fp).padStart(4)} ${String(row.fn).padStart(4)}  ${shown(row.precision).padStart(9)}  ${shown(row.recall).padStart(6)}  ${String(row.unlabelled).padStart(10)}`,
    );
  }

  const list = (title, kind, describe) => {
    const items = all.filter((o) => o.kind === kind);
    console.log(`\n${title} (${items.length})`);
    for (const o of items) console.log(`  ${o.app}  ${describe(o)}`);
  };
  list('false positives', 'fp', (o) => `${where(o.finding)}  [${o.check}]  ${o.why}`);
  list('false negatives', 'fn', (o) => `${where(o.entry)}  [${o.check}]  ${o.entry.why ?? ''}`.trimEnd());
  list(
    'unlabelled findings (not counted; label them to grow the set)',
    'unlabelled',
    (o) => `${where(o.finding)}  [${o.check}]  ${o.finding.message}`,
  );

  if (args.values['write-precision']) writePrecision(args.values['write-precision'], rows);

  if (minPrecision !== undefined) {
    const below = rows.filter((row) => row.precision !== undefined && row.precision < minPrecision);
    if (below.length > 0) {
      console.log(`\nbelow --min-precision ${minPrecision}: ${below.map((row) => `${row.name} ${row.precision.toFixed(2)}`).join(', ')}`);
      process.exitCode = 1;
    }
  }
}

/**
 * GitHub code scanning's precision bands, from the measured precision. A check with fewer than
 * five labelled findings has not earned `very-high`, however clean its record.
 */
function precisionBand({ tp, fp, precision }) {
  if (precision >= 0.95 && tp + fp >= 5) return 'very-high';
  if (precision >= 0.85) return 'high';
  if (precision >= 0.6) return 'medium';
  return 'low';
}

/** The SARIF report reads each check's band from this module; checks with no labelled finding are left out. */
function writePrecision(file, rows) {
  const measured = rows.filter((row) => row.precision !== undefined);
  const lines = measured.map(
    (row) => `  '${row.name}': { truePositives: ${row.tp}, falsePositives: ${row.fp}, precision: '${precisionBand(row)}' },`,
  );
  writeFileSync(
    file,
    [
      '// Generated by `npm run bench:accuracy -- <apps-dir> --write-precision src/report/measured-precision.ts`: do not edit.',
      "export type PrecisionBand = 'very-high' | 'high' | 'medium' | 'low';",
      '',
      'export const MEASURED_PRECISION: Record<string, { truePositives: number; falsePositives: number; precision: PrecisionBand }> = {',
      ...lines,
      '};',
      '',
    ].join('\n'),
  );
  console.log(`\nwrote the precision of ${measured.length} checks to ${file}`);
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.shipshape', '.next']);
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

function snapshot(root) {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(path.relative(root, full), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

function changedFiles(before, after) {
  const changed = [];
  for (const [file, bytes] of after) if (!before.get(file)?.equals(bytes)) changed.push(file);
  for (const file of before.keys()) if (!after.has(file)) changed.push(file);
  return changed.sort();
}

function parses(file, text) {
  const typescript = /\.[cm]?tsx?$/.test(file);
  const jsx = !/\.[cm]?ts$/.test(file);
  try {
    babelParse(text, {
      sourceType: 'unambiguous',
      errorRecovery: false,
      plugins: [...(typescript ? ['typescript'] : []), ...(jsx ? ['jsx'] : []), 'decorators-legacy', 'importAttributes'],
    });
    return true;
  } catch {
    return false;
  }
}

function lineEndings(bytes) {
  const text = bytes.toString('utf8');
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf === 0) return 'lf';
  return lf === 0 ? 'crlf' : 'mixed';
}

function toCrlf(root, files) {
  for (const [file, bytes] of files) {
    if (bytes.includes(0)) continue;
    const text = bytes.toString('utf8');
    if (text.includes('\r')) continue;
    writeFileSync(path.join(root, file), text.replace(/\n/g, '\r\n'));
  }
}

/**
 * `tsc --noEmit` over an app, as `file: TSnnnn message` lines without positions (which a fix moves),
 * each union's members in one order (TypeScript prints them in the order it met them). Null without a
 * tsconfig.json or TypeScript.
 */
function typeErrors(root) {
  if (!existsSync(path.join(root, 'tsconfig.json'))) return null;
  const own = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const tsc = existsSync(own) ? own : path.join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', root], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 600_000,
  });
  if (run.error) return null;
  return new Set(
    run.stdout
      .split('\n')
      .filter((line) => /error TS\d+/.test(line))
      .map((line) => unionOrderFree(line.replace(/\(\d+,\d+\)/, ''))),
  );
}

/** Installs an app's dependencies from the registry, without running their scripts; false when that fails. */
function installDependencies(root) {
  const npm = spawnSync('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
  return npm.status === 0;
}

/** What a fix run's summary lists under a heading (`held back: …`), one entry per indented line below it. */
function listedUnder(stdout, heading) {
  const lines = [];
  let inList = false;
  for (const line of stdout.split('\n')) {
    if (heading.test(line)) inList = true;
    else if (inList && line.startsWith('  ')) lines.push(line.trim());
    else inList = false;
  }
  return lines;
}

/** The files a fix run reports it could not transform, or dropped for an internal error, with their reasons. */
function failedFiles(stdout) {
  return listedUnder(stdout, /^(not transformed|internal error): /);
}

function fixRuns() {
  const rows = [];
  const problems = [];
  for (const label of labels) {
    const dir = appFolder(label);
    if (!dir) continue;
    const work = mkdtempSync(path.join(tmpdir(), `shipshape-accuracy-${label.name}-`));
    try {
      cpSync(dir, work, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
      if (args.values.crlf) toCrlf(work, snapshot(work));
      // With --types the app's dependencies are installed, so the type gate runs and tsc can judge the fix.
      const installed = args.values.types && existsSync(path.join(work, 'tsconfig.json')) && installDependencies(work);
      if (args.values.types && existsSync(path.join(work, 'tsconfig.json')) && !installed)
        problems.push(`${label.name}  its dependencies did not install: not type-checked`);
      const original = snapshot(work);
      const typesBefore = installed ? typeErrors(work) : null;
      const first = runCli(['fix', work, '--yes', '--all', '--allow-dirty', '--quiet', '--no-color']);
      const typesAfter = typesBefore ? typeErrors(work) : null;
      const afterFirst = snapshot(work);
      const second = runCli(['fix', work, '--yes', '--all', '--allow-dirty', '--quiet', '--no-color']);
      const afterSecond = snapshot(work);
      const firstChanged = changedFiles(original, afterFirst);
      const secondChanged = changedFiles(afterFirst, afterSecond);
      const unparsable = [];
      const endings = [];
      for (const file of new Set([...firstChanged, ...secondChanged])) {
        const before = original.get(file);
        const after = afterSecond.get(file);
        if (!after) continue;
        if (SOURCE.test(file) && !parses(file, after.toString('utf8')) && (!before || parses(file, before.toString('utf8'))))
          unparsable.push(file);
        if (before && lineEndings(before) !== 'none' && lineEndings(before) !== lineEndings(after)) {
          endings.push(`${file} (${lineEndings(before)} → ${lineEndings(after)})`);
        }
      }
      // A module a fix starts importing is installed by the follow-up it names: until then tsc cannot find it.
      const declared = existsSync(path.join(work, 'package.json')) ? JSON.parse(readFileSync(path.join(work, 'package.json'), 'utf8')) : {};
      const toInstall = new Set(
        [...first.stdout.matchAll(/\bnpm install ([^#\n]+)/g)]
          .flatMap((match) => match[1].trim().split(/\s+/))
          .filter((word) => !word.startsWith('-')),
      );
      const awaitsInstall = (error) => {
        const specifier = /error TS2307: Cannot find module '([^']+)'/.exec(error)?.[1];
        const name = specifier?.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier?.split('/')[0];
        if (name === undefined || /^[./]/.test(name) || existsSync(path.join(work, 'node_modules', name))) return false;
        return { ...declared.dependencies, ...declared.devDependencies }[name] !== undefined || toInstall.has(name);
      };
      const newTypeErrors =
        typesBefore && typesAfter ? [...typesAfter].filter((error) => !typesBefore.has(error) && !awaitsInstall(error)) : [];
      for (const error of newTypeErrors) problems.push(`${label.name}  the fix added a type error: ${error.slice(0, 300)}`);
      const heldBack = installed ? listedUnder(first.stdout, /^held back: /).filter((line) => !/^\d+:\d+ TS/.test(line)) : [];
      for (const change of heldBack)
        problems.push(`${label.name}  the type gate held back ${change} (read why: a fix that breaks types is a fault to mend)`);
      rows.push({
        app: label.name,
        types: typesBefore ? String(newTypeErrors.length) : '-',
        held: installed ? String(heldBack.length) : '-',
        exits: `${first.status}/${second.status}`,
        first: firstChanged.length,
        second: secondChanged.length,
        unparsable: unparsable.length,
        endings: endings.length,
      });
      for (const file of secondChanged) {
        const patch = createTwoFilesPatch(
          file,
          file,
          afterFirst.get(file)?.toString('utf8') ?? '',
          afterSecond.get(file)?.toString('utf8') ?? '',
          '',
          '',
          { context: 1 },
        );
        const hunks = patch
          .split('\n')
          .slice(4, 16)
          .filter(Boolean)
          .map((text) => `      ${text}`)
          .join('\n');
        problems.push(`${label.name}  ${file}  changed again by the second run:\n${hunks}`);
      }
      for (const file of unparsable) problems.push(`${label.name}  ${file}  does not parse after the fix`);
      for (const file of endings) problems.push(`${label.name}  ${file}  line endings changed`);
      for (const [run, result] of [
        ['first', first],
        ['second', second],
      ]) {
        if (result.status !== 0)
          problems.push(`${label.name}  ${run} run exited ${result.status}: ${(result.stderr.trim().split('\n')[0] ?? '').slice(0, 200)}`);
        // A fix that could not finish on a file exits 0 (the rest is written): its reason is a problem to read all the same.
        for (const failure of failedFiles(result.stdout)) problems.push(`${label.name}  ${run} run left ${failure}`);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  console.log(
    `\nfix --yes --all --allow-dirty, twice, on a copy of each app${args.values.crlf ? ' (every text file converted to CRLF first)' : ''}\n`,
  );
  const typed = args.values.types;
  if (typed) console.log('with --types: dependencies installed (npm, no scripts), tsc --noEmit before and after the first run\n');
  const header = `${'app'.padEnd(44)} exits  changed(1st)  changed(2nd)  unparsable  eol-changed${typed ? '  type-errors  held-back' : ''}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
  for (const row of rows) {
    console.log(
      `${row.app.padEnd(44)} ${row.exits.padStart(5)}  ${String(row.first).padStart(12)}  ${String(row.second).padStart(12)}  ${String(row.unparsable).padStart(10)}  ${String(row.endings).padStart(11)}${typed ? `  ${row.types.padStart(11)}  ${row.held.padStart(9)}` : ''}`,
    );
  }
  console.log('-'.repeat(header.length));
  console.log(
    `${'total'.padEnd(44)} ${''.padStart(5)}  ${String(sum('first')).padStart(12)}  ${String(sum('second')).padStart(12)}  ${String(sum('unparsable')).padStart(10)}  ${String(sum('endings')).padStart(11)}`,
  );
  console.log(`\nproblems (${problems.length}; changed(2nd), unparsable, eol-changed${typed ? ' and type-errors' : ''} must be 0)`);
  for (const problem of problems) console.log(`  ${problem}`);
  const typeErrorCount = rows.reduce((total, row) => total + (Number(row.types) || 0), 0);
  if (sum('second') + sum('unparsable') + sum('endings') + typeErrorCount > 0) process.exitCode = 1;
}

checkLabels();
if (args.values.fix) fixRuns();
else accuracy();
