import path from 'node:path';
import { TextEdits, insertImportLines } from '../src/engine/codemod.ts';
import { parseSource } from '../src/engine/parse.ts';
import { newFileText, reindent } from '../src/engine/project-style.ts';
import { renderTemplate } from '../src/engine/templates.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import type { Changeset } from '../src/engine/changeset.ts';
import { routerDirs } from '../src/analysis/next-routes.ts';
import { errorTrackers, exportsRequestErrorHook, hasGlobalError, instrumentationDir } from '../src/checks/no-error-reporting.ts';
import { packageFor } from '../src/project/packages.ts';
import type { PackageInfo, Project } from '../src/project/types.ts';
export { meta } from './meta/add-error-reporting.ts';

const EXTENSIONS = ['ts', 'js', 'mjs', 'mts', 'cjs', 'cts'];

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((finding) => finding.ruleId === 'no-error-reporting');
  const packages = new Map<PackageInfo, Set<string>>();
  for (const finding of relevant) {
    const pkg = packageFor(project.packages, finding.file);
    if (pkg) packages.set(pkg, (packages.get(pkg) ?? new Set()).add(finding.messageId));
  }
  for (const [pkg, reasons] of packages) {
    const appDir = routerDirs(pkg).app;
    if (!appDir) continue;
    const typescript = project.files.some((file) => file.startsWith(`${appDir}/`) && /\.tsx?$/.test(file));
    if (reasons.has('noReporting') || reasons.has('sentryWithoutRequestHook'))
      await addRequestErrorHook(project, changeset, pkg, appDir, typescript);
    if (reasons.has('noGlobalError') && !hasGlobalError(project, appDir)) {
      const file = `${appDir}/global-error.${typescript ? 'tsx' : 'jsx'}`;
      if (changeset.read(file) === null)
        changeset.write(file, await newFileText(project, file, renderTemplate('code/global-error.tsx', { typescript, standalone: true })));
    }
  }
}

async function addRequestErrorHook(project: Project, changeset: Changeset, pkg: PackageInfo, appDir: string, typescript: boolean) {
  const dir = instrumentationDir(pkg, appDir);
  const sentry = errorTrackers(pkg).includes('@sentry/nextjs');
  const existing = EXTENSIONS.map((ext) => path.posix.join(dir, `instrumentation.${ext}`)).find((file) => changeset.read(file) !== null);
  if (!existing) {
    const file = path.posix.join(dir, `instrumentation.${typescript ? 'ts' : 'js'}`);
    const text = renderTemplate('code/instrumentation.ts', { typescript, sentry, importSentry: sentry, comment: true });
    changeset.write(file, await newFileText(project, file, text));
    return;
  }
  const source = changeset.read(existing)!;
  const program = parseSource(existing, source).program;
  if (exportsRequestErrorHook(program)) return;
  const edits = new TextEdits(source, existing);
  const namespace = sentry ? sentryNamespace(program) : null;
  if (sentry && namespace === null) insertImportLines(edits, program, ["import * as Sentry from '@sentry/nextjs';"]);
  const hook = renderTemplate('code/instrumentation.ts', {
    typescript: /\.[cm]?ts$/.test(existing),
    sentry,
    importSentry: false,
    comment: false,
  }).replace('Sentry.captureRequestError', `${namespace ?? 'Sentry'}.captureRequestError`);
  const indented = /^\t/m.test(source) ? reindent(hook, existing, (indent) => indent.replace(/ {2}/g, '\t')) : hook;
  const separator = source.endsWith('\n') ? '\n' : '\n\n';
  edits.insert(source.length, `${separator}${indented.trimEnd()}\n`);
  changeset.write(existing, edits.apply());
}

/** The local name of an existing `import * as X from '@sentry/nextjs'`. */
function sentryNamespace(program: ReturnType<typeof parseSource>['program']): string | null {
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== '@sentry/nextjs') continue;
    const namespace = statement.specifiers.find((specifier) => specifier.type === 'ImportNamespaceSpecifier');
    if (namespace) return namespace.local.name;
  }
  return null;
}
