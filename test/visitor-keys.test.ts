import { VISITOR_KEYS as babelKeys } from '@babel/types';
import { describe, expect, it } from 'vitest';
import { VISITOR_KEYS } from '../src/engine/visitor-keys.ts';

describe('the walk’s own copy of the Babel visitor keys', () => {
  it('equals the installed @babel/types (regenerate src/engine/visitor-keys.ts after upgrading it)', () => {
    expect(VISITOR_KEYS).toEqual(babelKeys);
  });
});
