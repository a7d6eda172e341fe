import { lineEndingOf } from '../../src/engine/print-style.ts';

/** The comments a module starts with (a licence, a file overview), up to its first line of code. */
function headerOf(source: string): string | null {
  const match = /^\ufeff?((?:[ \t]*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)[ \t]*\r?\n(?:[ \t]*\r?\n)*)+)/.exec(source);
  const header = match?.[1]?.trimEnd();
  return header && !header.includes('TODO(shipshape)') ? header : null;
}

/** A module written from `original` that starts with the original's header comments, which a rule's reprint may have dropped. */
export function keepHeader(original: string, written: string): string {
  const header = headerOf(original);
  const normalise = (text: string) => text.replace(/\r\n/g, '\n');
  if (!header || normalise(written).includes(normalise(header))) return written;
  const eol = lineEndingOf(written);
  const bom = written.startsWith('\ufeff') ? '\ufeff' : '';
  return `${bom}${header.replace(/\r?\n/g, eol)}${eol}${written.slice(bom.length)}`;
}
