import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'extract-hardcoded-secret',
  title: 'Read hard-coded secrets from the environment',
  description:
    'Replaces each secret literal with `process.env.NAME` (named after the provider, or after the variable that held it) and lists NAME in `.env.example`. The value is never copied or printed: the summary says to put it in `.env.local` and on the host, and to rotate it. Tests and fixtures are left alone.',
  safe: false,
  questions: [
    {
      name: 'writeEnvLocal',
      type: 'boolean',
      default: false,
      wizardOnly: true,
      message: 'Also put the extracted values in .env.local (git-ignored), so the app keeps working on this machine? They are not shown.',
    },
  ],
};
