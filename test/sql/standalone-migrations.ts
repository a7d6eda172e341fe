import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS } from '../../src/registry.ts';
import { collectColumnUses } from '../../src/sql/code-facts.ts';
import { detectLayout, generate, type Generation } from '../../src/sql/generate.ts';
import { loadSchemas } from '../../src/sql/load-schema.ts';
import { decideTables } from '../../src/sql/plan.ts';
import { REPO } from '../helpers.ts';

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

export function squawk(root: string, files: readonly string[], exclude: readonly string[] = []): { code: number; output: string } {
  const args = [...exclude.flatMap((rule) => ['--exclude', rule]), ...files];
  const result = spawnSync(path.join(REPO, 'node_modules', '.bin', 'squawk'), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
