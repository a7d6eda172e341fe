import { describe, expect, it } from 'vitest';
import { unionOrderFree } from '../src/engine/type-gate.ts';

describe('the type gate compares errors whatever order their unions are printed in', () => {
  it('gives one message for unions listed in another order, at the top or inside', () => {
    const before = `Type '"ghost" | "muted"' is not assignable to type '"default" | "secondary" | "success" | null | undefined'.`;
    const after = `Type '"muted" | "ghost"' is not assignable to type '"default" | "success" | "secondary" | null | undefined'.`;
    expect(unionOrderFree(after)).toBe(unionOrderFree(before));
    expect(unionOrderFree(`Property 'plan' does not exist on type '{ plan: any; } | SelectQueryError<"x">'.`)).toBe(
      unionOrderFree(`Property 'plan' does not exist on type 'SelectQueryError<"x"> | { plan: any; }'.`),
    );
  });

  it('keeps messages apart that differ in more than order', () => {
    expect(unionOrderFree(`Type '"a" | "b"' is not assignable to type '"c"'.`)).not.toBe(
      unionOrderFree(`Type '"a" | "c"' is not assignable to type '"c"'.`),
    );
    expect(unionOrderFree(`Argument of type 'string' is not assignable to parameter of type 'number'.`)).toBe(
      `Argument of type 'string' is not assignable to parameter of type 'number'.`,
    );
  });
});
