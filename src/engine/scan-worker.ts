import { parentPort, workerData } from 'node:worker_threads';
import type { Project } from '../project/types.ts';
import { findCheck, fixIsSafe } from '../registry.ts';
import { rememberEnvValues } from '../secrets/redact.ts';
import { checkFiles, fileChecks } from './check-files.ts';

const { project, files, checkIds } = workerData as { project: Project; files: string[]; checkIds: string[] };
rememberEnvValues(project.root, project.envFiles);
const checks = fileChecks(checkIds.map((id) => findCheck(id)!));
let pending = 0;
const result = checkFiles(project, files, checks, findCheck('parse-error')!, fixIsSafe, () => {
  if (++pending === 100) {
    parentPort!.postMessage({ progress: pending });
    pending = 0;
  }
});
if (pending > 0) parentPort!.postMessage({ progress: pending });
parentPort!.postMessage({ result });
