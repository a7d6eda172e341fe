import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CheckInfo } from '../types.ts';
import { EXIT } from './constants.ts';
import { io } from './io.ts';

/** Where `npm run build` writes `listing()`, beside the compiled registry it reads (dist/). */
const PRECOMPUTED = new URL('../../listing.json', import.meta.url);
const COMPILED_REGISTRY = new URL('../registry.js', import.meta.url);

export async function listing() {
  const [{ CHECKS, TRANSFORM_ENTRIES, fixIsSafe }, { GENERATORS }] = await Promise.all([
    import('../registry.ts'),
    import('../fix-commands.ts'),
  ]);
  return {
    checks: CHECKS.map(({ meta }) => ({
      id: meta.id,
      title: meta.title,
      severity: meta.severity,
      category: meta.category,
      fixable: meta.fix !== null,
      fix: meta.fix,
      fixSafe: meta.fix ? fixIsSafe(meta.fix) : false,
      fixCommand: meta.fix && GENERATORS[meta.fix] ? GENERATORS[meta.fix]!.command : null,
      docs: meta.docs,
    })),
    transforms: TRANSFORM_ENTRIES.map(({ kind, meta }) => ({
      id: meta.id,
      title: meta.title,
      kind,
      safe: meta.safe,
      questions: meta.questions ?? [],
      description: meta.description,
    })),
  };
}

type Listing = Awaited<ReturnType<typeof listing>>;

/**
 * The listing as the build computed it, so `list` loads no check: trusted only while it is newer
 * than the compiled registry (a build that skipped the step leaves it older). Null from the sources.
 */
function precomputedListing(): Listing | null {
  try {
    if (statSync(PRECOMPUTED).mtimeMs < statSync(COMPILED_REGISTRY).mtimeMs) return null;
    return JSON.parse(readFileSync(PRECOMPUTED, 'utf8')) as Listing;
  } catch {
    return null;
  }
}

/**
 * Every check as data, in the registry's order: from the build's listing, so a command that only
 * names or describes checks loads none of them; from the checks themselves when run from the sources.
 */
export async function checkCatalog(): Promise<readonly CheckInfo[]> {
  const listed = precomputedListing();
  if (!listed) return (await import('../registry.ts')).CHECKS;
  return listed.checks.map(({ id, title, severity, category, docs, fix }) => ({ meta: { id, title, severity, category, docs, fix } }));
}

export async function knownCheckIds(): Promise<ReadonlySet<string>> {
  return new Set((await checkCatalog()).map((check) => check.meta.id));
}

/** Run by `npm run build` after compiling. */
export async function writeListing(): Promise<void> {
  const { writeFileAtomic } = await import('../engine/durable-fs.ts');
  writeFileAtomic(fileURLToPath(PRECOMPUTED), `${JSON.stringify(await listing())}\n`);
}

/** The table `shipshape list` prints, which docs/list.md shows as it is. */
export function listingText({ checks, transforms }: Listing): string {
  const width = Math.max(...checks.map((c) => c.id.length), ...transforms.map((t) => t.id.length));
  const lines = ['Checks', `  ${'id'.padEnd(width)}  severity  category      fix`];
  for (const c of checks) {
    const fix = c.fixCommand ? `\`${c.fixCommand}\`` : c.fix ? `${c.fix}${c.fixSafe ? '' : ' (review)'}` : '-';
    lines.push(`  ${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.category.padEnd(12)}  ${fix}`);
  }
  lines.push('', 'Transforms', `  ${'id'.padEnd(width)}  kind     safe  title`);
  for (const t of transforms) lines.push(`  ${t.id.padEnd(width)}  ${t.kind.padEnd(7)}  ${(t.safe ? 'yes' : 'no').padEnd(4)}  ${t.title}`);
  return `${lines.join('\n')}\n`;
}

export function registerList(program: Command, setExit: (code: number) => void): void {
  program
    .command('list')
    .description('every check and transform')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean }) => {
      const { checks, transforms } = precomputedListing() ?? (await listing());
      if (flags.json) {
        io().stdout.write(`${JSON.stringify({ checks, transforms }, null, 2)}\n`);
      } else {
        io().stdout.write(listingText({ checks, transforms }));
      }
      setExit(EXIT.ok);
    });
}
