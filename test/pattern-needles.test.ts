import { beforeAll, describe, expect, it, vi } from 'vitest';
import { patternNeedles } from '../src/engine/pattern-needles.ts';
import { screened } from '../src/engine/needles.ts';
import { AI_CALL_TEXT } from '../src/analysis/ai-calls.ts';
import { AUTH_CALL_TEXT } from '../src/analysis/auth/known-calls.ts';
import { REJECTS } from '../src/analysis/auth/middleware.ts';
import { LIMITER_TEXT } from '../src/analysis/rate-limits.ts';

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Long enough that `test` asks the shared search first rather than running the pattern alone. */
const PADDING = 'const value = compute(input);\n'.repeat(20);

/** Texts made of pieces of the pattern's own source, cut and recased, so many come close to matching. */
function textsNear(pattern: RegExp, count: number, seed: number): string[] {
  const random = generator(seed);
  const words = pattern.source
    .replace(/\\[bBsSdDwW]/g, ' ')
    .replace(/\\(.)/g, '$1')
    .split(/[|()[\]?*+{}^$]+/)
    .filter(Boolean);
  const pieces = [...words.flatMap((word) => [word, word.slice(1), word.slice(0, -1), word.toUpperCase()]), ' ', '\n', '(', '.', 'é'];
  return Array.from(
    { length: count },
    () => PADDING + Array.from({ length: 1 + Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
  );
}

/** Patterns whose needles take some care, each with a text it matches (none for one that matches nothing). */
const TRICKY: Array<[RegExp, string | null]> = [
  [/passw(or)?d|private[_-]?key/i, 'PRIVATE-KEY'],
  [/ab+c?def/, 'abbbdef'],
  [/xyz(?=w)abc/, null],
  [/(?:get|require)(?:Current|Server)*(?:User|Session)/, 'requireCurrentServerSession'],
  [/\$(query|execute)RawUnsafe|\.unsafe\(|\.raw\(/, 'db.$executeRawUnsafe(q)'],
  [/sk_live_|:\/\/[^\s'"`]*:[^\s'"`]*@|TextEncoder/, 'postgres://u:p@host'],
  [/(reset|forgot|recover)\w*token|token\w*(reset|forgot)/i, 'TOKEN_for_RESET'],
  [/[Ll]ucia|NextAuth/, 'new Lucia('],
  [/colou?r{2,3}ed/, 'colorrred'],
  [/(?:ab|cd)(?:ef|gh)(?:ij|kl)(?:mn|op)(?:qr|st)(?:uv|wx)(?:yz|01)/, 'cdghklopstwx01'],
  [/café|naïve/, 'naïve'],
  [/😀x|y😀/, 'y😀'],
];

describe('patternNeedles finds literals every match holds', () => {
  it('joins literals across optional parts and groups', () => {
    expect(patternNeedles(/passw(or)?d/)?.needles.sort()).toEqual(['passwd', 'password']);
    expect(patternNeedles(/\$(query|execute)RawUnsafe/)?.needles.sort()).toEqual(['$executeRawUnsafe', '$queryRawUnsafe']);
    expect(patternNeedles(/amount|total|price/)?.needles.sort()).toEqual(['amount', 'price', 'total']);
  });

  it('folds ASCII case under i, and claims nothing where Unicode folding could match other letters', () => {
    expect(patternNeedles(/Token/i)).toEqual({ needles: ['token'], foldCase: true });
    // With u, `ſ` (U+017F) matches `s` and the Kelvin sign matches `k`: no ASCII needle is safe.
    expect(patternNeedles(/session/iu)).toBeNull();
    expect(/session/iu.test('ſession')).toBe(true);
    // Without u, a letter beyond ASCII with a case of its own is not claimed either.
    expect(patternNeedles(/é/i)).toBeNull();
  });

  it('claims nothing for a pattern any text may match, or whose literals are a character or two', () => {
    expect(patternNeedles(/\w+/)).toBeNull();
    expect(patternNeedles(/a|\d/)).toBeNull();
    expect(patternNeedles(/x?y*/)).toBeNull();
    expect(patternNeedles(/new\s+(Map|Set)\b|=\s*(\{\s*\}|\[\s*\])/)).toBeNull();
    expect(patternNeedles(/(a)\1/)).toBeNull();
  });

  it.each(TRICKY.map(([pattern, sample]) => [String(pattern), pattern, sample] as const))(
    '%s: a text that matches holds a needle',
    (_, pattern, sample) => {
      const found = patternNeedles(pattern);
      expect(found).not.toBeNull();
      const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
      for (const text of [...textsNear(pattern, 300, 20261203), ...(sample ? [PADDING + sample] : [])]) {
        if (!pattern.test(text) || !found) continue;
        expect(
          found.needles.some((needle) => fold(text).includes(fold(needle))),
          `${JSON.stringify(text.slice(PADDING.length))} matches ${String(pattern)} without any of ${JSON.stringify(found.needles)}`,
        ).toBe(true);
      }
    },
  );
});

describe('a screened pattern answers as its regex does', () => {
  // Screening starts once a scan has tested enough file texts to repay it.
  beforeAll(() => {
    const warmUp = screened(/warm-up/);
    for (let i = 0; i < 5000; i++) warmUp.test(PADDING);
  });

  it('answers a long text without any of its literals without running the regex', () => {
    const regex = /dangerouslyAllowBrowser|jsonwebtoken/;
    const screen = screened(regex);
    const run = vi.spyOn(regex, 'test');
    expect(screen.test(PADDING)).toBe(false);
    expect(run).not.toHaveBeenCalled();
    expect(screen.test(`${PADDING}import jwt from 'jsonwebtoken';`)).toBe(true);
    expect(screen.test('jsonwebtoken')).toBe(true);
    expect(run).toHaveBeenCalledTimes(2);
  });

  const patterns: Array<[RegExp, string | null]> = [
    ...TRICKY,
    [AI_CALL_TEXT.regex, 'openai.chat.completions.create('],
    [AUTH_CALL_TEXT.regex, 'await requireCurrentUser()'],
    [REJECTS.regex, 'NextResponse.redirect(url)'],
    [LIMITER_TEXT.regex, "from '@upstash/ratelimit'"],
  ];

  it.each(patterns.map(([pattern, sample]) => [String(pattern).slice(0, 60), pattern, sample] as const))('%s', (_, pattern, sample) => {
    const screen = screened(pattern);
    let matched = sample ? 0 : 1;
    const samples = sample ? [PADDING + sample, sample, PADDING + sample.toUpperCase()] : [];
    for (const text of [...textsNear(pattern, 300, 7), ...samples, PADDING, PADDING.toUpperCase(), 'short']) {
      const expected = pattern.test(text);
      if (expected) matched++;
      expect(screen.test(text), JSON.stringify(text.slice(PADDING.length))).toBe(expected);
    }
    // The texts must exercise both answers, or the comparison proves little.
    expect(matched).toBeGreaterThan(0);
  });

  it('refuses a global or sticky regex, whose test keeps a lastIndex the screen would skip', () => {
    expect(() => screened(/token/g)).toThrow(/lastIndex/);
    expect(() => screened(/token/y)).toThrow(/lastIndex/);
  });
});
