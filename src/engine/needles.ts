import { patternNeedles } from './pattern-needles.ts';

/** Which strings occur in the text last searched. */
export interface Found {
  has(needle: string): boolean;
  /** Ignoring ASCII case, as a regex's `i` flag (without `u`) does. */
  hasIgnoringCase(needle: string): boolean;
  /** Whether any of the strings occurs, ignoring ASCII case; a list asked about again is not looked up again. */
  hasAnyIgnoringCase(needles: readonly string[]): boolean;
}

/** ASCII letters to lower case and nothing else, as `i` (without `u`) matches ASCII letters only with ASCII letters. */
function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/**
 * Which of many literal strings occur in a text, found in one pass over it (an Aho–Corasick automaton
 * over UTF-16 code units, ASCII case folded). The checks' prefilters name about sixty strings and their
 * patterns hundreds more; looking for each with `includes` or a regex reads every file that many
 * times, and most files hold none of them. A string that must match in case is confirmed with
 * `includes` once the folded search has found it.
 */
export class NeedleSet {
  private readonly ids = new Map<string, number>();
  /** Each needle as given, to its folded form's id: asking needs no folding. */
  private readonly idOf = new Map<string, number>();
  /** The next state for each state and character class, row by row. */
  private readonly next: Int32Array;
  private readonly width: number;
  private readonly classOf = new Map<number, number>();
  private readonly asciiClass = new Uint8Array(128);
  /** The needles that end at each state, through its fallbacks. */
  private readonly endings: Array<number[] | undefined>;
  private readonly ends: Uint8Array;
  private readonly seen: Int32Array;
  private generation = 0;
  private readonly idLists = new WeakMap<readonly string[], Int32Array | null>();

  constructor(needles: Iterable<string>) {
    for (const needle of needles) {
      const folded = foldAscii(needle);
      if (!folded) continue;
      if (!this.ids.has(folded)) this.ids.set(folded, this.ids.size);
      this.idOf.set(needle, this.ids.get(folded)!);
    }
    for (const needle of this.ids.keys()) {
      for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i);
        if (!this.classOf.has(code)) this.classOf.set(code, this.classOf.size + 1);
      }
    }
    for (const [code, cls] of this.classOf) if (code < 128) this.asciiClass[code] = cls;
    for (let code = 65; code <= 90; code++) this.asciiClass[code] = this.asciiClass[code + 32]!;
    this.width = this.classOf.size + 1;

    const trie: Array<Map<number, number>> = [new Map()];
    const ending: number[][] = [[]];
    for (const [needle, id] of this.ids) {
      let state = 0;
      for (let i = 0; i < needle.length; i++) {
        const cls = this.classOf.get(needle.charCodeAt(i))!;
        let to = trie[state]!.get(cls);
        if (to === undefined) {
          to = trie.length;
          trie.push(new Map());
          ending.push([]);
          trie[state]!.set(cls, to);
        }
        state = to;
      }
      ending[state]!.push(id);
    }

    // Breadth first, each state's fallback is known before its children need it.
    this.next = new Int32Array(trie.length * this.width);
    const fallback = new Int32Array(trie.length);
    const queue: number[] = [];
    for (let cls = 1; cls < this.width; cls++) {
      const to = trie[0]!.get(cls);
      if (to !== undefined) {
        this.next[cls] = to;
        queue.push(to);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      ending[state]!.push(...ending[fallback[state]!]!);
      for (let cls = 1; cls < this.width; cls++) {
        const to = trie[state]!.get(cls);
        if (to === undefined) this.next[state * this.width + cls] = this.next[fallback[state]! * this.width + cls]!;
        else {
          fallback[to] = this.next[fallback[state]! * this.width + cls]!;
          this.next[state * this.width + cls] = to;
          queue.push(to);
        }
      }
    }
    this.endings = ending.map((ids) => (ids.length > 0 ? [...new Set(ids)] : undefined));
    this.ends = Uint8Array.from(ending, (ids) => (ids.length > 0 ? 1 : 0));
    this.seen = new Int32Array(this.ids.size);
  }

  /**
   * Reads the text once; the answer holds until the next call (a string it was not built with is
   * looked for afresh).
   */
  search(text: string): Found {
    const generation = ++this.generation;
    const { next, width, asciiClass, classOf, endings, ends, seen } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const cls = code < 128 ? asciiClass[code]! : (classOf.get(code) ?? 0);
      state = next[state * width + cls]!;
      if (ends[state] === 1) for (const id of endings[state]!) seen[id] = generation;
    }
    const found = (needle: string) => {
      const id = this.idOf.get(needle);
      return id === undefined ? undefined : seen[id] === generation;
    };
    const hasIgnoringCase = (needle: string) => found(needle) ?? foldAscii(text).includes(foldAscii(needle));
    return {
      has: (needle) => found(needle) !== false && text.includes(needle),
      hasIgnoringCase,
      hasAnyIgnoringCase: (needles) => {
        const ids = this.idsOf(needles);
        if (!ids) return needles.some(hasIgnoringCase);
        for (let i = 0; i < ids.length; i++) if (seen[ids[i]!] === generation) return true;
        return false;
      },
    };
  }

  /** The ids of a list of needles, or null when one of them is not in the set. */
  private idsOf(needles: readonly string[]): Int32Array | null {
    let ids = this.idLists.get(needles);
    if (ids === undefined) {
      const known = needles.map((needle) => this.idOf.get(needle) ?? this.ids.get(foldAscii(needle)));
      ids = known.every((id) => id !== undefined) ? Int32Array.from(known as number[]) : null;
      this.idLists.set(needles, ids);
    }
    return ids;
  }
}

/** Every needle asked for so far, searched for together: one pass over a text answers for all of them. */
const wanted = new Set<string>();
let shared: NeedleSet | null = null;
let lastText: string | null = null;
let lastAnswer: Found | null = null;
const unanalysed: ScreenedPattern[] = [];

export function addNeedles(needles: Iterable<string>): void {
  for (const needle of needles) {
    if (wanted.has(needle)) continue;
    wanted.add(needle);
    shared = null;
    lastText = null;
  }
}

/** The needles of the text, from one search shared by every prefilter and screened pattern that asks about it. */
export function needlesIn(text: string): Found {
  // Adding needles forgets the last text, so a search after it is made with them.
  if (text !== lastText || !lastAnswer) {
    shared ??= new NeedleSet(wanted);
    lastAnswer = shared.search(text);
    lastText = text;
  }
  return lastAnswer;
}

/** Shorter texts (names, paths, a line) are tested by the pattern alone: a search costs about as much. */
const SCREENED_TEXT_LENGTH = 512;
/**
 * Analysing the patterns (loading a regex parser) and building the search cost about 25 ms, which a
 * few thousand tests of file texts repay; a small app makes a few hundred, and never pays it.
 */
const TESTS_BEFORE_SCREENING = 2000;
let longTexts = 0;

/**
 * A regex whose `test` first asks the shared search for the literals the pattern cannot match without
 * (`patternNeedles`): a text without any is answered without running the pattern, which over a
 * repository's files is most of them. The answer is always the pattern's own.
 */
export class ScreenedPattern {
  /** Folded under `i`; without it, found ignoring case all the same, which only lets more texts through. */
  private needles: string[] | null = null;

  constructor(readonly regex: RegExp) {
    if (regex.global || regex.sticky) throw new Error(`a screened pattern keeps no lastIndex: ${String(regex)}`);
    unanalysed.push(this);
  }

  private analyse(): void {
    const found = patternNeedles(this.regex);
    if (!found) return;
    this.needles = found.needles;
    addNeedles(found.needles);
  }

  test(text: string): boolean {
    if (text.length >= SCREENED_TEXT_LENGTH && ++longTexts > TESTS_BEFORE_SCREENING) {
      // All at once, so the shared search is built once for all of them.
      for (const pattern of unanalysed.splice(0)) pattern.analyse();
      if (this.needles && !needlesIn(text).hasAnyIgnoringCase(this.needles)) return false;
    }
    return this.regex.test(text);
  }
}

export function screened(regex: RegExp): ScreenedPattern {
  return new ScreenedPattern(regex);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a text holds any of the strings, screened as patterns are. */
export function anyOf(words: readonly string[], flags = ''): ScreenedPattern {
  return screened(new RegExp(words.map(escapeRegExp).join('|'), flags));
}
