import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../engine/durable-fs.ts';
import { packageRoot } from '../engine/package-root.ts';
import { renderTemplate } from '../engine/templates.ts';
import { GENERATORS, fixCommand } from '../fix-commands.ts';
import { CHECKS, transformEntry } from '../registry.ts';
import type { Check } from '../types.ts';
import { listing, listingText } from '../cli/list.ts';
import { checkDocPath } from './check-doc-path.ts';
import { checkExamples } from './check-examples.ts';

/** The command that regenerates everything this module writes. */
export const DOCS_COMMAND = 'npm run docs';

const README = 'README.md';
const CHECKS_PAGE = 'docs/checks.md';
const CHECK_PAGES = path.posix.dirname(checkDocPath('any'));
const LIST_PAGE = 'docs/list.md';
const TABLE_MARKERS: readonly [string, string] = ['<!-- checks:start -->', '<!-- checks:end -->'];
const LIST_MARKERS: readonly [string, string] = ['<!-- list:start -->', '<!-- list:end -->'];

interface FixView {
  /** How the checks table names it: `` `pg-pool` (safe) ``, `` `shipshape sql` ``. */
  label: string;
  name: string;
  title: string;
  description: string;
  command: string;
  safety: string;
}

function fixView(fixId: string, checkId: string): FixView {
  const generator = GENERATORS[fixId];
  if (generator)
    return {
      label: `\`${generator.command}\``,
      name: `\`${generator.command}\``,
      title: generator.title,
      description: 'It writes migration files, which `fix` does not: it names the command instead. See [`shipshape sql`](../sql.md).',
      command: generator.command,
      safety: 'Generated files for you to review and apply.',
    };
  const meta = transformEntry(fixId)?.meta;
  if (!meta) throw new Error(`${checkId} names a fix that does not exist: ${fixId}`);
  return {
    label: `\`${fixId}\` (${meta.safe ? 'safe' : 'needs review'})`,
    name: `\`${fixId}\``,
    title: meta.title,
    description: meta.description,
    command: fixCommand(fixId, checkId),
    safety: meta.safe
      ? 'Safe: it keeps what the code does, except the hazard, so `fix --yes` applies it.'
      : 'Needs review: it can change what the code does, so `fix --yes` applies it only with `--all`.',
  };
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A fence longer than any run of backticks in the code it holds. */
function fence(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

function severityCell(check: Check): string {
  return check.meta.severityNote ? `${check.meta.severity} (${check.meta.severityNote})` : check.meta.severity;
}

function fixCell(check: Check): string {
  const { fix, otherFixes = [] } = check.meta;
  const main = fix ? fixView(fix, check.meta.id).label : 'by hand';
  const others = otherFixes.map((id) => fixView(id, check.meta.id).label);
  return others.length > 0 ? `${main}; for some findings ${others.join(', ')}` : main;
}

async function checkPage(fixtures: string, check: Check): Promise<string> {
  const { meta } = check;
  const examples = await checkExamples(fixtures, check);
  const fixturesDir = `__testfixtures__/checks/${meta.id}`;
  return renderTemplate('docs/check.md', {
    id: meta.id,
    title: meta.title,
    severity: severityCell(check),
    category: meta.category,
    fixCell: escapeCell(fixCell(check)),
    finds: capitalised(meta.finds),
    docs: meta.docs,
    fix: meta.fix ? fixView(meta.fix, meta.id) : null,
    otherFixes: (meta.otherFixes ?? []).map((id) => fixView(id, meta.id)),
    fixturesDir,
    fires: { ...examples.fires, fence: fence(examples.fires.sample.frame), quotedMessage: examples.fires.message.replace(/\n/g, '\n> ') },
    quiet: { ...examples.quiet, fence: fence(examples.quiet.sample.frame) },
    sources: meta.sources,
  });
}

function checksTable(): string {
  return renderTemplate('docs/checks-table.md', {
    checks: CHECKS.map((check) => ({
      id: check.meta.id,
      severity: severityCell(check),
      title: escapeCell(check.meta.title),
      fix: escapeCell(fixCell(check)),
    })),
  });
}

/** The README's summary: each category's checks, in one line. */
function readmeSummary(): string {
  const categories = new Map<string, Array<{ id: string; severity: string }>>();
  for (const { meta } of CHECKS) {
    const checks = categories.get(meta.category) ?? [];
    checks.push({ id: meta.id, severity: meta.severity });
    categories.set(meta.category, checks);
  }
  return renderTemplate('docs/readme-checks.md', {
    categories: [...categories].sort(([a], [b]) => a.localeCompare(b)).map(([name, checks]) => ({ name, checks })),
  });
}

/** Replaces what sits between the markers, keeping the rest of the page as it is. */
function betweenMarkers(page: string, content: string, file: string, [startMarker, endMarker] = TABLE_MARKERS): string {
  const start = page.indexOf(startMarker);
  const end = page.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`${file} has no ${startMarker} … ${endMarker} markers`);
  return `${page.slice(0, start + startMarker.length)}\n${content}${page.slice(end)}`;
}

/** Every generated file, by its path from the repository root, rendered in memory. */
export async function renderCheckDocs(root = packageRoot()): Promise<Map<string, string>> {
  const fixtures = path.join(root, '__testfixtures__');
  const files = new Map<string, string>();
  const checksPage = readFileSync(path.join(root, CHECKS_PAGE), 'utf8');
  files.set(CHECKS_PAGE, betweenMarkers(checksPage, checksTable(), CHECKS_PAGE));
  const readme = readFileSync(path.join(root, README), 'utf8');
  files.set(README, betweenMarkers(readme, readmeSummary(), README));
  const listPage = readFileSync(path.join(root, LIST_PAGE), 'utf8');
  files.set(LIST_PAGE, betweenMarkers(listPage, `\`\`\`\n${listingText(await listing())}\`\`\`\n`, LIST_PAGE, LIST_MARKERS));
  for (const check of CHECKS) files.set(checkDocPath(check.meta.id), await checkPage(fixtures, check));
  return files;
}

/** The pages under docs/checks/ that no check generates any more. */
export function orphanCheckPages(generated: ReadonlyMap<string, string>, root = packageRoot()): string[] {
  const dir = path.join(root, CHECK_PAGES);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => `${CHECK_PAGES}/${name}`)
    .filter((file) => !generated.has(file));
}

/** Writes the files that changed and removes orphaned pages; returns what it touched. */
export async function writeCheckDocs(root = packageRoot()): Promise<string[]> {
  const generated = await renderCheckDocs(root);
  const touched: string[] = [];
  for (const [file, content] of generated) {
    const full = path.join(root, file);
    if (existsSync(full) && readFileSync(full, 'utf8') === content) continue;
    writeFileAtomic(full, content);
    touched.push(file);
  }
  for (const file of orphanCheckPages(generated, root)) {
    rmSync(path.join(root, file));
    touched.push(file);
  }
  return touched;
}
