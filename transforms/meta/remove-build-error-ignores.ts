import { isNextConfigFile } from '../../src/engine/ast.ts';
import type { TransformMeta } from '../../src/engine/transform-types.ts';

/** The next.config keys that hide build errors: the check and the transform skip a file without one. */
export const BUILD_ERROR_IGNORE_TEXT = ['ignoreBuildErrors', 'ignoreDuringBuilds'];

export const meta: TransformMeta = {
  id: 'remove-build-error-ignores',
  title: 'Let `next build` fail on type and lint errors again',
  description:
    'Removes `typescript.ignoreBuildErrors` and `eslint.ignoreDuringBuilds` from next.config. The next build may then fail until the hidden errors are fixed, so this fix is not applied by `--yes` alone.',
  safe: false,
  prefilter: BUILD_ERROR_IGNORE_TEXT,
  files: isNextConfigFile,
};
