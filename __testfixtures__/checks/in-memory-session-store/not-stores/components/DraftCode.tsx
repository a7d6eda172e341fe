'use client';

import { draftCodes } from '../lib/shared';

export function DraftCode({ id }: { id: string }) {
  const remember = (code: string) => draftCodes.set(id, { code, expiresAt: Date.now() + 60_000 });
  return <input onChange={(event) => remember(event.target.value)} />;
}
