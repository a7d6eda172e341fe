import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { loadSchemas, schemaForFile } from '../src/sql/load-schema.ts';
import type { IndexPlan } from '../src/sql/plan.ts';
import { addPrismaIndexes } from '../src/sql/prisma-schema-edit.ts';
import { meta } from './meta/prisma-schema-indexes.ts';
export { meta };

/** The indexes the findings ask for, grouped by the schema.prisma they belong to. */
export function plan({ project, findings, changeset }: ProjectTransformContext): void {
  const schemas = loadSchemas(project);
  const byFile = new Map<string, IndexPlan[]>();
  for (const finding of findings) {
    if (finding.fix?.id !== meta.id) continue;
    const table = finding.data?.table;
    const columns = finding.data?.columns;
    if (typeof table !== 'string' || !Array.isArray(columns)) continue;
    const schema = schemaForFile(schemas, finding.file) ?? schemas.find((s) => s.source === 'prisma');
    const prismaSchema = schema && project.packages.find((p) => p.dir === schema.packageDir)?.prismaSchema;
    if (!schema || schema.source !== 'prisma' || !prismaSchema) continue;
    const plans = byFile.get(prismaSchema) ?? [];
    plans.push({
      table: { schema: 'public', name: table },
      label: table,
      name: '',
      columns: columns as string[],
      unique: finding.ruleId === 'lookup-column-not-unique',
      reason: finding.ruleId,
    });
    byFile.set(prismaSchema, plans);
  }
  for (const [file, plans] of byFile) {
    const current = changeset.read(file);
    const schema = schemas.find((s) => s.files.includes(file));
    if (current === null || !schema) continue;
    const edited = addPrismaIndexes(current, schema, plans);
    if (edited === current) continue;
    changeset.write(file, edited);
    changeset.followUp({
      kind: 'command',
      message:
        'npx prisma migrate dev --name add_indexes (then check the generated migration: on a large table, build the index CONCURRENTLY by hand)',
    });
  }
}
