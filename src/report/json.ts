import { countBySeverity } from './severity-counts.ts';
import { rotations } from './rotations.ts';
import type { ReportInput } from './types.ts';

export function renderJson({ project, result, baselined, version, outsideChange }: ReportInput): string {
  const report = {
    version,
    root: project.root,
    summary: {
      files: result.files,
      skipped: result.skipped.length,
      findings: countBySeverity(result.findings),
      suppressed: result.suppressed,
      baselined,
      ...(outsideChange === undefined ? {} : { outsideChange }),
      durationMs: result.durationMs,
    },
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      category: f.category,
      title: f.title,
      messageId: f.messageId,
      message: f.message,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      fingerprint: f.fingerprint,
      fix: f.fix,
      ...(f.rotate ? { rotate: f.rotate } : {}),
    })),
    rotate: rotations(result.findings),
    skipped: result.skipped,
    project: {
      git: project.git.isRepo,
      packages: project.packages.map((p) => ({
        dir: p.dir,
        name: p.name,
        next: p.next,
        prisma: p.prisma,
        routers: p.routers,
        packageManager: p.packageManager,
        lockfile: p.lockfile,
        workspaceRoot: p.workspaceRoot,
        databases: p.databases,
        prismaSchema: p.prismaSchema,
        prismaMigrations: p.prismaMigrations,
        supabaseMigrations: p.supabaseMigrations,
      })),
      // Variable names only: values never leave the machine.
      envFiles: project.envFiles.map((env) => ({
        path: env.path,
        variables: env.variables.map((v) => v.name),
        tracked: env.tracked,
        ignored: env.ignored,
      })),
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
