import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'ignore-env-files',
  title: 'Keep env files out of git',
  description:
    'Adds `.env*` to .gitignore, with exceptions for the committed templates (`.env.example`, …). Files git already tracks are listed with the command that untracks them and a reminder to rotate their secrets.',
  safe: true,
};
