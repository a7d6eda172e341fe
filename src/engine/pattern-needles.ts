import type { AST } from '@eslint-community/regexpp';
import { requirePackage } from './require-package.cjs';

/** Literal strings of which every match of a pattern contains at least one; folded to lower case under `i`. */
export interface PatternNeedles {
  needles: string[];
  foldCase: boolean;
}

/**
 * What is known of the strings a part of a pattern matches: all of them when they are few and known
 * (`exact`), else strings of which each match contains one (`needles`). Null is "nothing known", and
 * knowing less is always safe: it only lets more texts through to the pattern itself.
 */
interface Known {
  exact: string[] | null;
  needles: string[] | null;
}

/** More alternatives than this and a set stops narrowing much, while the product of two grows fast. */
const MAX_STRINGS = 64;
const MAX_CLASS_CHARS = 8;
/** A character or two (`=`, `[`) is in nearly every file: looking for it costs the search more than it spares the pattern. */
const MIN_NEEDLE_LENGTH = 3;
const UNKNOWN: Known = { exact: null, needles: null };
const EMPTY: Known = { exact: [''], needles: null };

function needlesOf(known: Known): string[] | null {
  if (known.needles) return known.needles;
  return known.exact && !known.exact.includes('') ? known.exact : null;
}

function product(left: string[], right: string[]): string[] | null {
  if (left.length * right.length > MAX_STRINGS) return null;
  return [...new Set(left.flatMap((a) => right.map((b) => a + b)))];
}

/** The better filter: its shortest string is longer, or, as long, it has fewer strings. */
function narrower(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) return b;
  if (!b) return a;
  const shortest = (set: string[]) => Math.min(...set.map((s) => s.length));
  return shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.length < a.length) ? b : a;
}

class Analysis {
  constructor(private readonly foldCase: boolean) {}

  /** A character as the folded text search sees it, or null when case folding beyond ASCII could match it. */
  private char(code: number): string | null {
    const char = String.fromCodePoint(code);
    if (!this.foldCase) return char;
    if (code < 128) return char.toLowerCase();
    return char.toLowerCase() === char.toUpperCase() ? char : null;
  }

  private single(code: number): Known {
    const char = this.char(code);
    return char === null ? UNKNOWN : { exact: [char], needles: null };
  }

  private characterClass(node: AST.CharacterClass): Known {
    if (node.negate || node.unicodeSets) return UNKNOWN;
    const chars = new Set<string>();
    for (const element of node.elements) {
      if (element.type === 'Character') {
        const char = this.char(element.value);
        if (char === null) return UNKNOWN;
        chars.add(char);
      } else if (element.type === 'CharacterClassRange') {
        if (element.max.value - element.min.value >= MAX_CLASS_CHARS) return UNKNOWN;
        for (let code = element.min.value; code <= element.max.value; code++) {
          const char = this.char(code);
          if (char === null) return UNKNOWN;
          chars.add(char);
        }
      } else return UNKNOWN;
      if (chars.size > MAX_CLASS_CHARS) return UNKNOWN;
    }
    return chars.size === 0 ? UNKNOWN : { exact: [...chars], needles: null };
  }

  private quantifier(node: AST.Quantifier): Known {
    if (node.max === 0) return EMPTY;
    const inner = this.element(node.element);
    if (node.min === 1 && node.max === 1) return inner;
    if (node.min === 0) return node.max === 1 && inner.exact ? { exact: [...new Set(['', ...inner.exact])], needles: null } : UNKNOWN;
    // At least one repetition: each match holds one match of the element.
    return { exact: null, needles: needlesOf(inner) };
  }

  private element(node: AST.Element): Known {
    switch (node.type) {
      case 'Character':
        return this.single(node.value);
      case 'CharacterClass':
        return this.characterClass(node);
      case 'Quantifier':
        return this.quantifier(node);
      case 'Group':
        return node.modifiers ? UNKNOWN : this.alternatives(node.alternatives);
      case 'CapturingGroup':
        return this.alternatives(node.alternatives);
      // Assertions consume nothing; what a lookaround asks of the text is not needed to be safe.
      case 'Assertion':
        return EMPTY;
      default:
        return UNKNOWN;
    }
  }

  /** A sequence: every element's match is part of the whole, and adjacent known strings join. */
  private sequence(node: AST.Alternative): Known {
    const parts = node.elements.map((element) => this.element(element));
    let best: string[] | null = null;
    let run: string[] | null = [''];
    for (const part of parts) {
      best = narrower(best, needlesOf(part));
      const joined: string[] | null = run && part.exact ? product(run, part.exact) : null;
      if (joined) run = joined;
      else {
        if (run && !run.includes('')) best = narrower(best, run);
        run = part.exact;
      }
    }
    const whole = parts.every((part) => part.exact) ? run : null;
    if (run && !run.includes('')) best = narrower(best, run);
    return { exact: whole, needles: best };
  }

  alternatives(alternatives: AST.Alternative[]): Known {
    const known = alternatives.map((alternative) => this.sequence(alternative));
    const exact = known.every((k) => k.exact) ? [...new Set(known.flatMap((k) => k.exact!))] : null;
    const sets = known.map(needlesOf);
    const needles = sets.every((set) => set) ? [...new Set(sets.flatMap((set) => set!))] : null;
    return {
      exact: exact && exact.length <= MAX_STRINGS ? exact : null,
      needles: needles && needles.length <= MAX_STRINGS ? needles : null,
    };
  }
}

/**
 * The literals a pattern cannot match without, found from its syntax tree: a text that holds none of
 * them cannot match, so looking for them first (in one pass for all patterns) answers most texts
 * without running the pattern. Null when no such strings are known. Under `i` with `u` or `v`,
 * Unicode case folding lets non-ASCII letters match ASCII ones (`ſ` matches `s`), so nothing is claimed.
 */
export function patternNeedles(pattern: RegExp): PatternNeedles | null {
  const foldCase = pattern.flags.includes('i');
  const unicode = pattern.flags.includes('u');
  const unicodeSets = pattern.flags.includes('v');
  if (foldCase && (unicode || unicodeSets)) return null;
  let ast: AST.Pattern;
  try {
    const { RegExpParser } = requirePackage<typeof import('@eslint-community/regexpp')>('@eslint-community/regexpp');
    ast = new RegExpParser().parsePattern(pattern.source, 0, pattern.source.length, { unicode, unicodeSets });
  } catch {
    return null;
  }
  const needles = needlesOf(new Analysis(foldCase).alternatives(ast.alternatives));
  return needles && needles.every((needle) => needle.length >= MIN_NEEDLE_LENGTH) ? { needles, foldCase } : null;
}
