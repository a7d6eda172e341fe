import { declareDependency } from './add-missing-dependencies.ts';
import { TextEdits } from '../src/engine/codemod.ts';
import { parseSource } from '../src/engine/parse.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import type { Changeset } from '../src/engine/changeset.ts';
import { packageFor } from '../src/project/packages.ts';
import type { PackageInfo, Project } from '../src/project/types.ts';
export { meta } from './meta/add-server-only.ts';

export function plan({ project, findings, changeset }: ProjectTransformContext): void {
  const files = [...new Set(findings.filter((f) => f.ruleId === 'server-module-without-server-only').map((f) => f.file))].sort();
  for (const file of files) markServerOnly(project, changeset, file);
}

/** Adds `import 'server-only'` to a module (and `server-only` to its package.json), once. */
export function markServerOnly(project: Project, changeset: Changeset, file: string): void {
  const source = changeset.read(file);
  if (source === null || /^\s*import\s+['"]server-only['"]/m.test(source)) return;
  const program = parseSource(file, source).program;
  const edits = new TextEdits(source, file);
  // After any directive, before the first statement: where a reader looks for it.
  const directive = program.directives.at(-1);
  const first = program.body[0];
  if (directive) edits.insert(directive.end!, "\nimport 'server-only';");
  else edits.insert(first ? source.lastIndexOf('\n', first.start! - 1) + 1 : 0, "import 'server-only';\n");
  changeset.write(file, edits.apply());
  const pkg = packageFor(project.packages, file);
  if (pkg) declareServerOnly(project, changeset, pkg);
}

/** `server-only` in the package's dependencies, for modules that import it. */
export function declareServerOnly(project: Project, changeset: Changeset, pkg: PackageInfo): void {
  declareDependency(project, changeset, pkg, 'server-only', '0.0.1', 'which server modules import');
}
