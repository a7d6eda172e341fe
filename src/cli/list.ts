import type { Command } from 'commander';
import { CHECKS, GENERATORS, TRANSFORMS, findTransform } from '../registry.ts';
import { EXIT, emit } from './common.ts';

export function listing() {
  return {
    checks: CHECKS.map(({ meta }) => ({
      id: meta.id,
      title: meta.title,
      severity: meta.severity,
      category: meta.category,
      fixable: meta.fix !== null,
      fix: meta.fix,
      fixSafe: meta.fix ? (findTransform(meta.fix)?.meta.safe ?? false) : false,
      fixCommand: meta.fix && GENERATORS[meta.fix] ? GENERATORS[meta.fix]!.command : null,
      docs: meta.docs,
    })),
    transforms: TRANSFORMS.map(({ kind, meta }) => ({
      id: meta.id,
      title: meta.title,
      kind,
      safe: meta.safe,
      questions: meta.questions ?? [],
      description: meta.description,
    })),
  };
}

export function registerList(program: Command, setExit: (code: number) => void): void {
  program
    .command('list')
    .description('every check and transform')
    .option('--json', 'machine-readable output')
    .action((flags: { json?: boolean }) => {
      const { checks, transforms } = listing();
      if (flags.json) {
        emit(`${JSON.stringify({ checks, transforms }, null, 2)}\n`);
      } else {
        const width = Math.max(...checks.map((c) => c.id.length), ...transforms.map((t) => t.id.length));
        const lines = ['Checks', `  ${'id'.padEnd(width)}  severity  category      fix`];
        for (const c of checks) {
          const fix = c.fixCommand ? `\`${c.fixCommand}\`` : c.fix ? `${c.fix}${c.fixSafe ? '' : ' (review)'}` : '-';
          lines.push(`  ${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.category.padEnd(12)}  ${fix}`);
        }
        lines.push('', 'Transforms', `  ${'id'.padEnd(width)}  kind     safe  title`);
        for (const t of transforms) lines.push(`  ${t.id.padEnd(width)}  ${t.kind.padEnd(7)}  ${(t.safe ? 'yes' : 'no').padEnd(4)}  ${t.title}`);
        emit(`${lines.join('\n')}\n`);
      }
      setExit(EXIT.ok);
    });
}
