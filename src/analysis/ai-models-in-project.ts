import path from 'node:path';
import { parseSource } from '../engine/parse.ts';
import { isSourceFile } from '../project/load-project.ts';
import { readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import { AI_CALL_TEXT } from './ai-calls.ts';
import { modelLiterals, mostUsedModels } from './ai-models.ts';

/**
 * What `cap-ai-usage` needs to know of the whole project: the model names its code uses for each
 * provider, and the major version of the AI SDK it depends on (the output cap's name changed in 5).
 */
export function modelAnswers(project: Project): { projectModels: string; aiSdkMajor: number } {
  const counts = new Map<string, Map<string, number>>();
  for (const file of project.files) {
    if (!isSourceFile(file)) continue;
    const read = readTextFile(path.join(project.root, file));
    if (!read.ok || !AI_CALL_TEXT.test(read.text)) continue;
    try {
      modelLiterals(parseSource(file, read.text).program, counts);
    } catch {
      // A module that does not parse has its own finding; its model names are simply not counted.
    }
  }
  const range = project.packages.map((pkg) => pkg.dependencies.ai ?? pkg.devDependencies?.ai).find(Boolean) ?? '';
  const major = Number(/\d+/.exec(range)?.[0] ?? 0);
  return { projectModels: JSON.stringify(mostUsedModels(counts)), aiSdkMajor: major };
}
