import type { Collection, JSCodeshift } from 'jscodeshift';

/**
 * The module's tree, as `j(source)` parses it, with each node's `start` and `end` turned into offsets
 * in `source` itself. Recast hands the parser a copy of the text with CRLF (and CR, U+2028, U+2029)
 * made `\n` and each line's leading whitespace made spaces (tabs expanded, a byte order mark
 * dropped), so the parser's own offsets point elsewhere in the file once any of those come before.
 * Printing is unaffected: recast reprints from `loc`, which this leaves alone, and the copy it
 * compares with to find what changed (`original`) gets the same offsets.
 */
export function sourceTree(j: JSCodeshift, source: string): Collection {
  const root = j(source);
  if (!/[\r\u2028\u2029]/.test(source) && !/^ *[^\S \n]/m.test(source)) return root;
  const lineStarts: number[] = [];
  const leading: Array<{ length: number; width: number }> = [];
  const lineBreak = /\r\n|[\r\n\u2028\u2029]/g;
  const indentation = /[^\S\r\n\u2028\u2029]*/y;
  let from = 0;
  for (;;) {
    lineStarts.push(from);
    indentation.lastIndex = from;
    const whitespace = indentation.exec(source)![0];
    leading.push({ length: whitespace.length, width: indentWidth(whitespace) });
    const found = lineBreak.exec(source);
    if (!found) break;
    from = found.index + found[0].length;
  }
  const offsetOf = (position: { line: number; column: number }) => {
    const line = position.line - 1;
    const { length, width } = leading[line]!;
    return lineStarts[line]! + (position.column >= width ? length + position.column - width : Math.min(position.column, length));
  };
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as {
      type?: unknown;
      loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
      start?: unknown;
      end?: unknown;
    };
    if (typeof node.type === 'string' && node.loc?.start && typeof node.start === 'number') {
      node.start = offsetOf(node.loc.start);
      node.end = offsetOf(node.loc.end);
    }
    // `original` is not enumerable.
    visit((node as { original?: unknown }).original);
    for (const [key, child] of Object.entries(node)) if (key !== 'loc' && key !== 'tokens') visit(child);
  };
  visit(root.get().node);
  return root;
}

/** Columns a line's leading whitespace spans in recast's copy of the text (tab stops of 4). */
function indentWidth(whitespace: string): number {
  let width = 0;
  for (const char of whitespace) {
    if (char === '\t') width = Math.ceil((width + 1) / 4) * 4;
    else if (!'\v\f\ufeff'.includes(char)) width += 1;
  }
  return width;
}
