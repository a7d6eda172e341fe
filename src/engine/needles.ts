/**
 * Which of many literal strings occur in a text, found in one pass over it (an Aho–Corasick automaton
 * over UTF-16 code units). The checks' prefilters name about sixty strings; looking for each with
 * `includes` reads every file sixty times, and most files hold none of them.
 */
export class NeedleSet {
  private readonly ids = new Map<string, number>();
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

  constructor(needles: Iterable<string>) {
    for (const needle of needles) if (needle && !this.ids.has(needle)) this.ids.set(needle, this.ids.size);
    for (const needle of this.ids.keys()) {
      for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i);
        if (!this.classOf.has(code)) this.classOf.set(code, this.classOf.size + 1);
      }
    }
    for (const [code, cls] of this.classOf) if (code < 128) this.asciiClass[code] = cls;
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

  /** Reads the text once; the answer holds until the next call (a string it was not built with is looked for afresh). */
  search(text: string): (needle: string) => boolean {
    const generation = ++this.generation;
    const { next, width, asciiClass, classOf, endings, ends, seen } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const cls = code < 128 ? asciiClass[code]! : (classOf.get(code) ?? 0);
      state = next[state * width + cls]!;
      if (ends[state] === 1) for (const id of endings[state]!) seen[id] = generation;
    }
    return (needle) => {
      const id = this.ids.get(needle);
      return id === undefined ? text.includes(needle) : seen[id] === generation;
    };
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching any of the strings: one regex scan of a text costs less than an `includes` per string. */
export function anyOf(words: readonly string[], flags = ''): RegExp {
  return new RegExp(words.map(escapeRegExp).join('|'), flags);
}
