import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'add-server-only',
  title: "Mark modules with secrets `import 'server-only'`",
  description:
    "Adds `import 'server-only'` at the top of each module that reads a secret or builds a server SDK client and that only App Router server code imports, so a future import from a client component fails the build instead of shipping the secret. Adds `server-only` to package.json.",
  safe: true,
};
