import type { Project } from '../project/types.ts';
import type { ProjectCheckContext, ProjectReportInput } from '../types.ts';
import { loadSchemas, usesSupabase } from './load-schema.ts';
import { qualifiedName, type Policy, type SchemaModel, type SourceLoc, type Table } from './model.ts';

export function at(loc: SourceLoc): Pick<ProjectReportInput, 'file' | 'loc'> {
  return { file: loc.file, loc: { line: loc.line, column: 1 } };
}

/** Runs a schema check over each database the project declares. */
export function forEachSchema(ctx: ProjectCheckContext, visit: (schema: SchemaModel, project: Project) => void): void {
  for (const schema of loadSchemas(ctx.project)) visit(schema, ctx.project);
}

/**
 * Runs a row level security check over each database where RLS guards the data: every one but a
 * Prisma schema with no sign of Supabase, whose tables no Data API serves.
 */
export function forEachRlsSchema(ctx: ProjectCheckContext, visit: (schema: SchemaModel, project: Project) => void): void {
  forEachSchema(ctx, (schema, project) => {
    if (schema.source !== 'prisma' || usesSupabase(project, schema)) visit(schema, project);
  });
}

export function policyLabel(table: Table, policy: Policy): string {
  return `policy "${policy.name}" on ${qualifiedName(table)}`;
}

/** The commands a policy covers: `for all` is all four. */
export function commandsOf(policy: Policy): Array<'select' | 'insert' | 'update' | 'delete'> {
  return policy.command === 'all' ? ['select', 'insert', 'update', 'delete'] : [policy.command];
}

export const SQL_FIX_HINT = 'run `shipshape sql` to generate the migration';
