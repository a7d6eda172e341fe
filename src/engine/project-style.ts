import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { Node } from '@babel/types';
import type { Project } from '../project/types.ts';
import { parseSource } from './parse.ts';
import { projectPrettierConfig } from './project-code.ts';
import { followStyle, lineEndingOf, sourceStyle, type SourceStyle } from './print-style.ts';
import { walk } from './walk.ts';

/** What a file shipshape creates looks like: its line endings everywhere, its quotes, semicolons and indentation in code. */
export type NewFileStyle = Pick<SourceStyle, 'quote' | 'semicolons' | 'lineEnding' | 'tabs'>;

type StyleSource = Pick<Project, 'root' | 'files'> & Partial<Pick<Project, 'envFiles'>>;

const CODE = /\.[cm]?[jt]sx?$/;
/** Enough files to outvote a few odd ones, few enough to read in a blink on any project. */
const SAMPLE_FILES = 40;
const SAMPLE_BYTES = 32 * 1024;

/** Files that share their conventions: code, SQL, Prisma schemas, env files, ignore files, else by extension. */
function kindOf(file: string): string {
  const name = path.posix.basename(file);
  if (CODE.test(name)) return 'code';
  if (name.startsWith('.env')) return 'env';
  if (/ignore$/.test(name)) return 'ignore';
  return path.posix.extname(name) || name;
}

function readHead(absolute: string): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(absolute, 'r');
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const length = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    if (buffer.subarray(0, length).includes(0)) return null;
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Up to SAMPLE_FILES of the files, spread evenly over the sorted list. */
function spread(files: readonly string[]): string[] {
  if (files.length <= SAMPLE_FILES) return [...files];
  const step = files.length / SAMPLE_FILES;
  return Array.from({ length: SAMPLE_FILES }, (_, index) => files[Math.floor(index * step)]!);
}

interface Votes {
  crlf: number;
  lf: number;
  double: number;
  single: number;
  noSemicolons: number;
  semicolons: number;
  tabs: number;
  spaces: number;
}

/** Every file, whatever its kind. */
const ANY = '*';

const sampled = new WeakMap<object, Map<string, Votes>>();

/** How the project's files of one kind write themselves, one vote per file. */
function votesOf(project: StyleSource, kind: string): Votes {
  let byKind = sampled.get(project);
  if (!byKind) sampled.set(project, (byKind = new Map()));
  const cached = byKind.get(kind);
  if (cached) return cached;
  const candidates = [...new Set([...project.files, ...(project.envFiles ?? []).map((env) => env.path)])]
    .filter((file) => (kind === ANY || kindOf(file) === kind) && !/(^|\/)node_modules\//.test(file))
    .sort();
  const votes: Votes = { crlf: 0, lf: 0, double: 0, single: 0, noSemicolons: 0, semicolons: 0, tabs: 0, spaces: 0 };
  for (const file of spread(candidates)) {
    const text = readHead(path.join(project.root, file));
    if (text === null || !text.includes('\n')) continue;
    if (lineEndingOf(text) === '\r\n') votes.crlf++;
    else votes.lf++;
    if (kind !== 'code') continue;
    const style = sourceStyle(text);
    if (style.quote === 'double') votes.double++;
    else votes.single++;
    if (style.semicolons) votes.semicolons++;
    else votes.noSemicolons++;
    if (/^[ \t]/m.test(text)) {
      if (style.tabs) votes.tabs++;
      else votes.spaces++;
    }
  }
  byKind.set(kind, votes);
  return votes;
}

/**
 * The majority style of the project's files of the file's kind. Line endings come from its code where
 * it has no file of that kind, and from all its files where it has no code.
 */
function observedStyle(project: StyleSource, file: string): NewFileStyle {
  const code = votesOf(project, 'code');
  const endings = [votesOf(project, kindOf(file)), code].find((votes) => votes.crlf + votes.lf > 0) ?? votesOf(project, ANY);
  return {
    lineEnding: endings.crlf > endings.lf ? '\r\n' : '\n',
    quote: code.double > code.single ? 'double' : 'single',
    semicolons: code.noSemicolons <= code.semicolons,
    tabs: code.tabs > code.spaces,
  };
}

const END_OF_LINE: Record<string, NewFileStyle['lineEnding']> = { lf: '\n', crlf: '\r\n' };

/**
 * The one answer to "what style does a new file at this path get": the project's prettier config
 * where it has one (prettier then formats the file as well), else its .editorconfig, else the
 * majority of its existing files of the same kind. Line endings prettier leaves open (`auto`, or no
 * `endOfLine`) follow .editorconfig, then the project's files.
 */
export async function newFileStyle(project: StyleSource, file: string): Promise<NewFileStyle> {
  const observed = observedStyle(project, file);
  let config: Record<string, unknown> | null = null;
  let hasPrettierConfig = false;
  try {
    const prettier = await import('prettier');
    const absolute = path.join(project.root, file);
    const { file: configFile, readable } = await projectPrettierConfig(prettier, project.root, absolute);
    hasPrettierConfig = configFile !== null;
    // `editorconfig: true` is what prettier's own command line does: .editorconfig fills what the config leaves out.
    if (readable)
      config = (await prettier.resolveConfig(absolute, {
        editorconfig: true,
        ...(configFile ? { config: configFile } : {}),
      })) as Record<string, unknown> | null;
  } catch {
    // A config prettier cannot load leaves the project's own files to say.
  }
  const lineEnding = END_OF_LINE[String(config?.endOfLine)] ?? observed.lineEnding;
  const tabs = typeof config?.useTabs === 'boolean' ? config.useTabs : observed.tabs;
  if (hasPrettierConfig)
    return { lineEnding, tabs, quote: config?.singleQuote === true ? 'single' : 'double', semicolons: config?.semi !== false };
  return { ...observed, lineEnding, tabs };
}

/**
 * Text shipshape wrote (templates are LF, single quotes, semicolons, two-space indents) in a new
 * file's style. Lines that start inside a template literal keep their whitespace: it is the
 * string's content.
 */
export function inStyle(text: string, style: NewFileStyle, file: string): string {
  let result = text.replace(/\r\n/g, '\n');
  if (CODE.test(file)) {
    result = followStyle(result, style, [[0, result.length]], file);
    if (style.tabs) result = reindent(result, file, (indent) => indent.replace(/ {2}/g, '\t'));
  }
  return style.lineEnding === '\n' ? result : result.replace(/\n/g, style.lineEnding);
}

/** `text` in the style `newFileStyle` gives a new file at `file`. */
export async function newFileText(project: StyleSource, file: string, text: string): Promise<string> {
  return inStyle(text, await newFileStyle(project, file), file);
}

/** The line break for text added to `file`: its own, or for a new or empty file the one `newFileStyle` gives it. */
export async function lineEndingFor(project: StyleSource, file: string, current: string | null): Promise<NewFileStyle['lineEnding']> {
  return current?.includes('\n') ? lineEndingOf(current) : (await newFileStyle(project, file)).lineEnding;
}

/** Rewrites the leading whitespace of each line that does not start inside a template literal. */
export function reindent(text: string, file: string, convert: (indent: string) => string): string {
  const inside: Array<[number, number]> = [];
  try {
    walk(parseSource(file, text), new Map([['TemplateElement', [(node: Node) => void inside.push([node.start!, node.end!])]]]));
  } catch {
    return text;
  }
  return text.replace(/^[ \t]+/gm, (indent, offset: number) =>
    inside.some(([start, end]) => offset > start && offset <= end) ? indent : convert(indent),
  );
}
