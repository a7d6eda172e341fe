import { describe, expect, it } from 'vitest';
import { NeedleSet } from '../src/engine/needles.ts';
import { CHECKS } from '../src/registry.ts';

/** A small deterministic generator, so a failure names a text that can be reproduced. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function expectSameAsIncludes(needles: string[], texts: string[]): void {
  const set = new NeedleSet(needles);
  for (const text of texts) {
    const found = set.search(text);
    for (const needle of needles)
      expect(found.has(needle), `${JSON.stringify(needle)} in ${JSON.stringify(text)}`).toBe(text.includes(needle));
  }
}

describe('NeedleSet finds exactly the needles includes() finds', () => {
  it('with needles inside, across and overlapping one another', () => {
    expectSameAsIncludes(['he', 'she', 'his', 'hers', 'h', 'ushers'], ['', 'ushers', 'ahishers', 'sh', 'hhhh', 'xyz', 'she']);
  });

  it('with characters beyond ASCII, surrogate pairs and line breaks', () => {
    expectSameAsIncludes(['é', 'café(', '😀x', '\r\n', 'ß'], ['café()', 'cafe(', '😀😀x', 'a\r\nb', 'a\nb', 'STRASSE', 'groß']);
  });

  it("with the checks' own prefilter strings, over random mixes of their pieces", () => {
    const needles = [
      ...new Set(CHECKS.flatMap((check) => (check.kind === 'file' && Array.isArray(check.meta.prefilter) ? check.meta.prefilter : []))),
    ];
    expect(needles.length).toBeGreaterThan(30);
    const random = generator(20261202);
    const pieces = [...needles.flatMap((needle) => [needle, needle.slice(0, -1), needle.slice(1)]), ' ', '\n', 'é', '('];
    const texts = Array.from({ length: 400 }, () =>
      Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
    );
    expectSameAsIncludes(needles, texts);
  });

  it('answers for the last text searched, each search on its own', () => {
    const set = new NeedleSet(['fetch(', 'cookie']);
    expect(set.search('await fetch(url)').has('fetch(')).toBe(true);
    const second = set.search('document.cookie');
    expect(second.has('fetch(')).toBe(false);
    expect(second.has('cookie')).toBe(true);
    expect(second.has('not a needle')).toBe(false);
    expect(second.has('document')).toBe(true);
  });

  it('ignores ASCII case when asked to, and only ASCII case', () => {
    const set = new NeedleSet(['select ', 'Token', 'café']);
    const found = set.search('SELECT * FROM TOKENS WHERE name = CAFÉ');
    expect(found.has('select ')).toBe(false);
    expect(found.hasIgnoringCase('select ')).toBe(true);
    expect(found.hasIgnoringCase('token')).toBe(true);
    expect(found.has('Token')).toBe(false);
    // É is not ASCII: a regex's i without u does fold it, so patterns that hold it claim no needle.
    expect(found.hasIgnoringCase('café')).toBe(false);
    expect(found.hasAnyIgnoringCase(['nothing', 'token'])).toBe(true);
    expect(found.hasAnyIgnoringCase(['nothing', 'else'])).toBe(false);
  });
});
