import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Changeset, diskReader } from '../src/engine/changeset.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import { planTransform, type TransformFailure } from '../src/engine/run-transform.ts';
import { scan } from '../src/engine/scan.ts';
import { loadProject } from '../src/project/load-project.ts';
import { CHECK_IDS, checksFixedBy, loadTransform } from '../src/registry.ts';

/** Scans the app at `root` with the checks a transform fixes, plans the transform on their findings and writes what it changes. */
export async function applyFix(root: string, transformId: string, options: Answers = {}): Promise<TransformFailure[]> {
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const { findings } = await scan(project, { checks: checksFixedBy(transformId) });
  const transform = (await loadTransform(transformId))!;
  const { changeset, failures } = await planTransform(project, transform, findings, options, new Changeset(diskReader(root)));
  for (const change of changeset.changes()) writeFileSync(path.join(root, change.path), change.after!);
  return failures;
}
