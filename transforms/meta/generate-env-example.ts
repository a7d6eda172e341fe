import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'generate-env-example',
  title: 'List every variable the code reads in .env.example',
  description:
    'Writes `.env.example`, or adds to it, every environment variable the code reads, without values: public ones (inlined into the browser bundle) and server-only ones under separate comments. Variables no env file defines are listed as follow-ups to set.',
  safe: true,
};
