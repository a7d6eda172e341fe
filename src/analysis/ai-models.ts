import path from 'node:path';
import type { Program } from '@babel/types';
import { parseSource } from '../engine/parse.ts';
import { isSourceFile } from '../project/load-project.ts';
import { readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import { AI_CALL_TEXT, aiCalls } from './ai-calls.ts';
import { staticString } from './imported-bindings.ts';

/** How often each model name is written in the module's AI calls, by family (the provider, or the AI SDK's provider function). */
export function modelLiterals(program: Program, counts: Map<string, Map<string, number>> = new Map()): Map<string, Map<string, number>> {
  for (const call of aiCalls(program)) {
    const name = staticString(call.model);
    if (!name) continue;
    const family = counts.get(call.family) ?? new Map<string, number>();
    family.set(name, (family.get(name) ?? 0) + 1);
    counts.set(call.family, family);
  }
  return counts;
}

/** The most written name of each family; the first written wins a tie. */
export function mostUsedModels(counts: ReadonlyMap<string, ReadonlyMap<string, number>>): Record<string, string> {
  const best: Record<string, string> = {};
  for (const [family, names] of counts) {
    let top: [string, number] | null = null;
    for (const entry of names) if (!top || entry[1] > top[1]) top = entry;
    if (top) best[family] = top[0];
  }
  return best;
}

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
