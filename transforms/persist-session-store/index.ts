import { TextEdits } from '../../src/engine/codemod.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { byPackage } from '../../src/project/packages.ts';
import type { Finding } from '../../src/types.ts';
import { meta } from '../meta/persist-session-store.ts';
import { writeSessionStore } from './module.ts';
import { applyStorePlan, storePlan } from './rewrite.ts';
export { meta };

const CHECK = 'in-memory-session-store';

export async function plan({ project, findings, changeset, options }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.ruleId === CHECK);
  if (relevant.length === 0) return;
  const context = { project, changeset };
  const codeTtl = Number(options.codeTtlSeconds ?? 600);
  const sessionTtl = Number(options.sessionTtlSeconds ?? 604800);
  const nameCount = new Map<string, number>();
  for (const finding of relevant) nameCount.set(storeName(finding), (nameCount.get(storeName(finding)) ?? 0) + 1);
  for (const { pkg, items: pkgFindings } of byPackage(project.packages, relevant)) {
    const ordered = [...pkgFindings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const unclear: Array<{ finding: Finding; why: string }> = [];
    const clear: Finding[] = [];
    for (const finding of ordered) {
      const planned = storePlan(context, finding.file, changeset.read(finding.file) ?? '', storeName(finding));
      if (typeof planned === 'string') unclear.push({ finding, why: planned });
      else clear.push(finding);
    }
    const store = clear.length > 0 ? await writeSessionStore(project, changeset, pkg, [...new Set(clear.map((f) => f.file))]) : null;
    if (clear.length > 0 && !store) {
      for (const finding of clear)
        unclear.push({
          finding,
          why: 'this app has no Postgres client, supabase-js or Upstash Redis for shipshape to keep them in',
        });
    }
    if (store) {
      if (store.migrations.length > 0)
        changeset.followUp({
          kind: 'command',
          message: `apply ${store.migrations.join(' and ')} (the session_store table${store.migrations.length > 1 ? ' and the functions that read and write it' : ''}) before deploying the code that uses ${store.module}`,
        });
      if (store.serviceRoleKey)
        changeset.followUp({
          kind: 'manual',
          message: `set ${store.serviceRoleKey} (the service-role key, server-side only) where the app runs: ${store.module} calls the session-store functions with it`,
        });
      for (const finding of clear) {
        const name = storeName(finding);
        // Read again: an earlier map of the same file has been replaced since.
        const planned = storePlan(context, finding.file, changeset.read(finding.file) ?? '', name);
        if (typeof planned === 'string') {
          unclear.push({ finding, why: planned });
          continue;
        }
        applyStorePlan(context, finding.file, planned, {
          module: store.module,
          namespace: (nameCount.get(name) ?? 0) > 1 ? `${finding.file.replace(/\.[cm]?[jt]sx?$/, '')}:${name}` : name,
          defaultTtlSeconds: String(finding.data?.holds ?? '') === 'sessions' ? sessionTtl : codeTtl,
        });
      }
    }
    for (const { finding, why } of unclear)
      note(
        changeset,
        finding,
        `keep these in the database or Redis, with their expiry: this map is per instance and empties on every restart (shipshape replaces a map used only through set, get, has and delete in functions that can wait; ${why})`,
      );
  }
}

function storeName(finding: Finding): string {
  return String(finding.data?.name ?? '');
}

/** A TODO above the map's declaration, found by its name: edits above it may have moved it. */
function note(changeset: ProjectTransformContext['changeset'], finding: Finding, text: string): void {
  const source = changeset.read(finding.file);
  if (source === null) return;
  const name = storeName(finding);
  const match = new RegExp(`^([ \\t]*)(?:export\\s+)?(?:const|let|var)\\s+${name}\\b`, 'm').exec(source);
  const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const at = match ? match.index + match[1]!.length : lineStarts[finding.line - 1]! + (finding.column - 1);
  const edits = new TextEdits(source, finding.file);
  if (edits.todoAbove(at, text)) changeset.write(finding.file, edits.apply());
}
