import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'typed-env-module',
  title: 'Read environment variables through typed, validated modules',
  description:
    'Generates `env/server.ts` and `env/client.ts` with a zod schema for every variable the code reads (public ones in the client module), validated when the module loads, and points each `process.env.X` read at `env.X`. Reads in browser code of server-only variables, platform variables (`NODE_ENV`, …), tests, scripts and config files are left as they are. Adds `zod` to package.json.',
  safe: false,
  offer: (project) => project.packages.some((pkg) => pkg.next) && project.envFiles.some((env) => env.variables.length > 0),
};
