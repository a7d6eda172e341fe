import type { Program } from '@babel/types';
import { aiCalls } from './ai-calls.ts';
import { staticString } from './imported-bindings.ts';

// Free of the project loader: `cap-ai-usage` imports this module, and it runs under plain
// `jscodeshift -t` too, with one file and no project. The project-wide count is in ai-models-in-project.ts.

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
