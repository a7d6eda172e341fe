import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'rename-public-secret-env',
  title: 'Take the public prefix off secret variables',
  description:
    'Renames `NEXT_PUBLIC_X` (or `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`) to `X` everywhere it appears: code, every `.env*` file, `.env.example`, `next.config.*`, the README and other config. Values are kept. Code in the browser that read the variable gets `undefined` afterwards, so the fix needs review: that code has to call the server instead.',
  safe: true,
};
