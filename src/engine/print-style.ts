import { diffLines } from 'diff';
import type { Node } from '@babel/types';
import type { Collection } from 'jscodeshift';
import { parseSource } from './parse.ts';
import { walk } from './walk.ts';

/** How a file writes its code, read from the file itself: what code inserted into it should follow. */
export interface SourceStyle {
  quote: 'single' | 'double';
  semicolons: boolean;
  lineEnding: '\n' | '\r\n';
  tabs: boolean;
  trailingComma: boolean;
}

/** CRLF when most of the file's line breaks are CRLF. */
export function lineEndingOf(source: string): '\n' | '\r\n' {
  const crlf = (source.match(/\r\n/g) ?? []).length;
  const lf = (source.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

export function sourceStyle(source: string): SourceStyle {
  source = source.replace(/^\ufeff/, '');
  // Module specifiers say the author's quote best: JSX attributes are double-quoted whatever the author's habit.
  const specifierQuotes = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\(\s*)(['"])[^'"\n]+\1/g)].map((match) => match[1]);
  const singles = specifierQuotes.length > 0 ? specifierQuotes.filter((q) => q === "'").length : (source.match(/'/g) ?? []).length;
  const doubles = specifierQuotes.length > 0 ? specifierQuotes.filter((q) => q === '"').length : (source.match(/"/g) ?? []).length;
  // Lines that end a simple statement: with `;` or without.
  const ends = [
    ...source.matchAll(
      /^[ \t]*(?:import\s.*\sfrom\s*['"][^'"]+['"]|import\s*['"][^'"]+['"]|['"]use (?:client|server)['"]|(?:export\s+(?:default\s+)?)?(?:const|let|var|return|throw)\b[^{}\n]*[\w'")\]`>!])[ \t]*(;?)[ \t]*\r?$/gm,
    ),
  ].map((match) => match[1]);
  const withSemicolon = ends.filter((end) => end === ';').length;
  const indented = [...source.matchAll(/^([ \t])[ \t]*\S/gm)].map((match) => match[1]);
  return {
    quote: doubles > singles ? 'double' : 'single',
    semicolons: ends.length === 0 || withSemicolon * 2 >= ends.length,
    lineEnding: lineEndingOf(source),
    tabs: indented.filter((c) => c === '\t').length * 2 > indented.length,
    trailingComma: /,\s*\n\s*[}\])]/.test(source),
  };
}

/**
 * Recast reprints the nodes a transform edits; these options keep the file's own habits
 * (trailing commas, quotes, line endings, tabs) in what it reprints.
 */
export function printOptions(source: string): {
  trailingComma: boolean;
  quote: 'single' | 'double';
  lineTerminator: string;
  useTabs: boolean;
} {
  const style = sourceStyle(source);
  return { trailingComma: style.trailingComma, quote: style.quote, lineTerminator: style.lineEnding, useTabs: style.tabs };
}

/**
 * The module recast reprints, in the file's own style: line endings, tabs (recast indents what it
 * prints with spaces whatever `useTabs` says), quotes and semicolons. Lines recast kept are left as
 * they were.
 */
export function printSource(root: Collection, source: string, file?: string): string {
  const style = sourceStyle(source);
  // Recast drops a byte order mark when it reprints the first line.
  let text = (source.startsWith('\ufeff') ? '\ufeff' : '') + root.toSource(printOptions(source)).replace(/^\ufeff/, '');
  if (style.tabs) {
    const added = addedRanges(source, text);
    let result = '';
    let at = 0;
    for (const [start, end] of added) {
      result += text.slice(at, start) + text.slice(start, end).replace(/^[ \t]+/gm, retab);
      at = end;
    }
    text = result + text.slice(at);
  }
  return followStyle(text, style, addedRanges(source, text), file);
}

/** Leading whitespace as tabs, at recast's tab width of 4. */
function retab(whitespace: string): string {
  let width = 0;
  for (const char of whitespace) width = char === '\t' ? Math.ceil((width + 1) / 4) * 4 : width + 1;
  return '\t'.repeat(Math.floor(width / 4)) + ' '.repeat(width % 4);
}

const STATEMENTS_WITH_SEMICOLON = [
  'ExpressionStatement',
  'VariableDeclaration',
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'ExportDefaultDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'BreakStatement',
  'ContinueStatement',
  'DebuggerStatement',
  'TSTypeAliasDeclaration',
];

/**
 * Code a transform wrote into a file, in the file's own quotes and semicolons: string literals and
 * statement ends that lie wholly inside `inserted` (ranges of `text`) follow `style`. A semicolon
 * stays where the next line would otherwise continue the statement. Text that does not parse is
 * returned as it is.
 */
export function followStyle(
  text: string,
  style: Pick<SourceStyle, 'quote' | 'semicolons'>,
  inserted: ReadonlyArray<readonly [number, number]>,
  file = 'module.tsx',
): string {
  if (inserted.length === 0 || (style.quote === 'single' && style.semicolons)) return text;
  let ast: Node;
  try {
    ast = parseSource(file, text);
  } catch {
    return text;
  }
  const within = (start: number, end: number) => inserted.some(([from, to]) => start >= from && end <= to);
  const edits: Array<{ at: number; length: number; text: string }> = [];
  const wanted = '"';
  const requote = (node: Node, ancestors: readonly Node[]) => {
    if (ancestors.at(-1)?.type === 'JSXAttribute' || !within(node.start!, node.end!)) return;
    const raw = text.slice(node.start!, node.end!);
    const body = raw.slice(1, -1);
    if (raw[0] === wanted || body.includes('"') || body.includes("'")) return;
    edits.push({ at: node.start!, length: raw.length, text: `${wanted}${body}${wanted}` });
  };
  const dropSemicolon = (node: Node, ancestors: readonly Node[]) => {
    if (text[node.end! - 1] !== ';' || !within(node.end! - 1, node.end!)) return;
    const parent = ancestors.at(-1);
    if (parent && /^For/.test(parent.type) && (parent as { body?: Node }).body !== node) return;
    if (node.type === 'ExportNamedDeclaration' && (node as { declaration?: Node | null }).declaration) return;
    if (node.type === 'ExportDefaultDeclaration' && /Declaration$/.test((node as { declaration: Node }).declaration.type)) return;
    if (/^[[(`+\-/]/.test(text.slice(node.end!).replace(/^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/, ''))) return;
    edits.push({ at: node.end! - 1, length: 1, text: '' });
  };
  const visitors = new Map<string, Array<(node: Node, ancestors: readonly Node[]) => void>>();
  if (style.quote === 'double') for (const type of ['StringLiteral', 'DirectiveLiteral']) visitors.set(type, [requote]);
  if (!style.semicolons) for (const type of [...STATEMENTS_WITH_SEMICOLON, 'Directive']) visitors.set(type, [dropSemicolon]);
  walk(ast, visitors as never);
  let result = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) result = result.slice(0, edit.at) + edit.text + result.slice(edit.at + edit.length);
  return result;
}

/** The ranges of `after` on lines that `before` does not have: what a reprint added. */
export function addedRanges(before: string, after: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let offset = 0;
  for (const part of diffLines(before, after)) {
    if (part.removed) continue;
    if (part.added) ranges.push([offset, offset + part.value.length]);
    offset += part.value.length;
  }
  return ranges;
}
