import { TRANSFORM_ENTRIES } from './registry.ts';
import type { Transform } from './engine/transform-types.ts';

/**
 * Every transform's code, loaded through the registry's table when a module that plans fixes with
 * any of them (`fix` and its wizard) is first imported. Commands that run one transform load only
 * that one (`loadTransform`); nothing on the scan path imports this module.
 */
export const TRANSFORMS: readonly Transform[] = await Promise.all(TRANSFORM_ENTRIES.map((entry) => entry.load()));

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((transform) => transform.meta.id === id);
}
