import { addedRanges, followStyle, lineEndingOf, sourceStyle } from '../../src/engine/print-style.ts';

/** The comments a module starts with (a licence, a file overview), up to its first line of code. */
function headerOf(source: string): string | null {
  const match = /^\ufeff?((?:[ \t]*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)[ \t]*\r?\n(?:[ \t]*\r?\n)*)+)/.exec(source);
  const header = match?.[1]?.trimEnd();
  return header && !header.includes('TODO(shipshape)') ? header : null;
}

/**
 * A module written from `original` (the module itself moved, or a part split out of it) as the
 * original was written: it starts with the original's header comments, which a rule's reprint may
 * have dropped, has the original's line endings, and the lines the migration wrote take the
 * original's quotes and semicolons.
 */
export function likeOriginal(original: string, written: string, file: string): string {
  const style = sourceStyle(original);
  const bom = written.startsWith('\ufeff') ? '\ufeff' : '';
  let text = written.slice(bom.length).replace(/\r?\n/g, '\n');
  const header = headerOf(original)?.replace(/\r?\n/g, '\n');
  if (header && !text.includes(header)) text = `${header}\n${text}`;
  const lines = original.replace(/\r?\n/g, '\n');
  text = followStyle(text, style, addedRanges(lines, text), file);
  return `${bom}${lineEndingOf(original) === '\r\n' ? text.replace(/\n/g, '\r\n') : text}`;
}
