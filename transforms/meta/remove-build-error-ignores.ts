import { isNextConfigFile } from '../../src/engine/ast.ts';
import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'remove-build-error-ignores',
  title: 'Let `next build` fail on type and lint errors again',
  description:
    'Removes `typescript.ignoreBuildErrors` and `eslint.ignoreDuringBuilds` from next.config. The next build may then fail until the hidden errors are fixed, so this fix is not applied by `--yes` alone.',
  safe: false,
  prefilter: ['ignoreBuildErrors', 'ignoreDuringBuilds'],
  files: isNextConfigFile,
};
