import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS } from '../../src/registry.ts';
import { collectColumnUses } from '../../src/sql/code-facts.ts';
import { detectLayout, generate, type Generation } from '../../src/sql/generate.ts';
import { loadSchemas } from '../../src/sql/load-schema.ts';
import { decideTables } from '../../src/sql/plan.ts';

export const NOW = new Date('2026-01-02T03:04:05Z');

/** What `shipshape sql --yes` generates for an app: the planned migrations, then those the code asks for. */
export function generateFor(root: string, only?: 'rls' | 'constraints' | 'indexes'): Generation {
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const [schema] = loadSchemas(project);
  if (!schema) throw new Error('no schema');
  return generate(project, schema, {
    layout: detectLayout(project, schema),
    decisions: decideTables(schema),
    uses: collectColumnUses(project),
    name: 'shipshape',
    now: NOW,
    only,
  });
}
