import type { TransformMeta } from '../../src/engine/transform-types.ts';
import { JWT_LIBRARY_TEXT } from '../../src/analysis/jwt-calls.ts';

export const meta: TransformMeta = {
  id: 'add-jwt-expiry',
  title: 'Give signed JWTs an expiry',
  description:
    "Adds `expiresIn` to the options of `jsonwebtoken`'s `sign` (or passes `{ expiresIn }` where it has none), and `.setExpirationTime(…)` before `.sign(…)` in a `jose` `SignJWT` chain, with the lifetime you choose: the question `jwtLifetime` (`15m`, `1h`, `1d`, `7d` by default, or `30d`), answered in the wizard, with `--option jwtLifetime=1d`, or by `answers` in the config. Needs review: a client that keeps a token longer than that must sign in again or refresh it.",
  safe: false,
  prefilter: JWT_LIBRARY_TEXT,
  questions: [
    {
      name: 'jwtLifetime',
      message: 'How long should a signed JWT stay valid?',
      type: 'string',
      default: '7d',
      choices: [
        { value: '15m', name: '15 minutes (an access token beside a refresh token)' },
        { value: '1h', name: '1 hour' },
        { value: '1d', name: '1 day' },
        { value: '7d', name: '7 days' },
        { value: '30d', name: '30 days' },
      ],
    },
  ],
};
