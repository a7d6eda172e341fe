import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'add-missing-dependencies',
  title: 'Declare imported packages in package.json',
  description:
    'Adds each undeclared package to `dependencies` (or `devDependencies` when only tests, scripts and configs import it), at the version the lockfile or node_modules holds. A package whose version is unknown is listed as an install command instead of guessed.',
  safe: true,
  questions: [
    {
      name: 'versionRange',
      message: 'How should the added versions be pinned?',
      type: 'string',
      default: 'caret',
      choices: [
        { value: 'caret', name: "^1.2.3: minor and patch updates (npm's default)" },
        { value: 'tilde', name: '~1.2.3: patch updates only' },
        { value: 'exact', name: '1.2.3: exactly the version in use' },
      ],
    },
  ],
};
