import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MASKED_SHAPES, URL_PASSWORD, looksRandom } from './secret-shapes.ts';
import { isEnvFileName } from '../project/env-files.ts';
import { escapeRegExp } from '../engine/needles.ts';

/** Replaces each of the given values wherever it appears. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) result = result.split(secret).join(maskSecret(secret));
  }
  return result;
}

/** How a secret is shown anywhere: its first characters and its length, never the value. */
export function maskSecret(value: string, shown = value.length >= 16 ? 6 : value.length >= 8 ? 3 : 0): string {
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}

/** Where a secret sits in a line, and how many of its first characters may show. */
interface SecretSpan {
  start: number;
  end: number;
  shown?: number;
}

const ENV_ASSIGNMENT = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*)(["']?)(.*?)\2(\s*(?:#.*)?)$/;
const ENV_COMMENT_OR_BLANK = /^\s*(#.*)?$/;
/** `-----BEGIN PRIVATE KEY-----` says what a value is, and is no secret: the lines between are. */
const PEM_MARKER = /^\s*["'`]?-----(?:BEGIN|END) [A-Z0-9 ]+-----["'`]?\s*$/;

/** Env values that cannot hold a secret: masking them everywhere would only hide code. */
const NOT_A_SECRET = /^(?:\d+(?:\.\d+)?|true|false|yes|no|on|off|development|production|test|staging|preview|local)$/i;
/** Shorter values match too much ordinary text; env files themselves still mask every value. */
const MIN_ENV_VALUE_LENGTH = 6;
/** A value this long is masked even inside a longer token; a shorter one only where it stands alone. */
const MIN_UNBOUNDED_LENGTH = 12;

const envValues = new Set<string>();
let envValuePattern: RegExp | null = null;
const rememberedFiles = new Set<string>();

/** Drops the remembered env values, so a next run in the same process masks only its own. */
export function forgetEnvValues(): void {
  envValues.clear();
  rememberedFiles.clear();
  envValuePattern = null;
}

function addEnvValue(raw: string): void {
  const value = raw.trim();
  if (value.length < MIN_ENV_VALUE_LENGTH || NOT_A_SECRET.test(value) || PEM_MARKER.test(value) || envValues.has(value)) return;
  envValues.add(value);
  envValuePattern = null;
}

/** Every value an env file assigns, a multi-line quoted value line by line, and the password inside a URL value. */
function envFileValues(text: string): string[] {
  const values: string[] = [];
  let openQuote: string | null = null;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (openQuote) {
      const close = line.indexOf(openQuote);
      values.push(close >= 0 ? line.slice(0, close) : line);
      if (close >= 0) openQuote = null;
      continue;
    }
    const assignment = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/.exec(line);
    if (!assignment) continue;
    let value = assignment[1]!.trim();
    const quote = value[0] === '"' || value[0] === "'" || value[0] === '`' ? value[0] : null;
    if (quote) {
      const close = value.indexOf(quote, 1);
      if (close < 0) openQuote = quote;
      value = close < 0 ? value.slice(1) : value.slice(1, close);
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    values.push(value);
    URL_PASSWORD.lastIndex = 0;
    const url = URL_PASSWORD.exec(value);
    if (url) values.push(decodeURIComponentSafe(url[2]!), url[2]!);
  }
  return values;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads the project's env files once, so every value they hold is masked wherever it appears in
 * this process's output: in other files' code frames, in messages and in diffs.
 */
export function rememberEnvValues(root: string, envFiles: ReadonlyArray<{ path: string }>): void {
  for (const env of envFiles) {
    const file = path.resolve(root, env.path);
    if (rememberedFiles.has(file)) continue;
    rememberedFiles.add(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const value of envFileValues(text)) addEnvValue(value);
  }
}

function envValueRegExp(): RegExp | null {
  if (envValues.size === 0) return null;
  if (envValuePattern) return envValuePattern;
  const byLength = [...envValues].sort((a, b) => b.length - a.length);
  const long = byLength.filter((value) => value.length >= MIN_UNBOUNDED_LENGTH).map(escapeRegExp);
  const short = byLength.filter((value) => value.length < MIN_UNBOUNDED_LENGTH).map(escapeRegExp);
  const alternatives = [
    ...(long.length > 0 ? [long.join('|')] : []),
    ...(short.length > 0 ? [`(?<![A-Za-z0-9_])(?:${short.join('|')})(?![A-Za-z0-9_])`] : []),
  ];
  envValuePattern = new RegExp(alternatives.join('|'), 'g');
  return envValuePattern;
}

/** Long base64 or hex runs that read as random: key bodies, AWS secret keys, tokens of no known shape. */
const RANDOM_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;
const JWT_SHAPE = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{6,}/g;
/** A literal assigned to a name that says it is a credential. */
const NAMED_SECRET = /((?:secret|password|passwd|token|api[_-]?key|private[_-]?key)\w*["']?\s*[:=]\s*["'`])([^"'`\s]{8,})(["'`])/gi;
/** SQL's `create role … password '…'`, `alter user … with encrypted password '…'`, MySQL's `identified by '…'`. */
const SQL_PASSWORD = /(\b(?:password|identified\s+by)\s+')((?:[^']|'')+)'/gi;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/g;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/g;

/**
 * Any line a credential shape below matches, this one pattern matches too (it ignores case, so it
 * matches more lines, never fewer): one scan decides for most lines that none of the dozen shapes
 * needs looking for.
 */
const MAY_HOLD_SHAPE = new RegExp(
  [...MASKED_SHAPES.map(({ pattern }) => pattern), JWT_SHAPE, RANDOM_RUN, URL_PASSWORD, NAMED_SECRET, SQL_PASSWORD]
    .map((pattern) => `(?:${pattern.source})`)
    .join('|'),
  'i',
);

function spansOf(pattern: RegExp, line: string, spans: SecretSpan[], group = 0, shown?: number): void {
  pattern.lastIndex = 0;
  for (const match of line.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    // A group-2 pattern captures what precedes the secret as group 1.
    const start = match.index! + (group === 0 ? 0 : match[1]!.length);
    spans.push({ start, end: start + match[group]!.length, ...(shown === undefined ? {} : { shown }) });
  }
}

/** The body of a private key on this line, given whether the line starts inside one; and whether it ends inside one. */
function privateKeySpans(line: string, inside: boolean, spans: SecretSpan[]): boolean {
  let at = 0;
  for (;;) {
    if (inside) {
      PEM_END.lastIndex = at;
      const end = PEM_END.exec(line);
      const bodyEnd = end ? end.index : line.length;
      const bodyStart = at + (line.slice(at, bodyEnd).length - line.slice(at, bodyEnd).trimStart().length);
      if (bodyEnd > bodyStart) spans.push({ start: bodyStart, end: bodyEnd, shown: 0 });
      if (!end) return true;
      at = end.index + end[0].length;
      inside = false;
    } else {
      PEM_BEGIN.lastIndex = at;
      const begin = PEM_BEGIN.exec(line);
      if (!begin) return false;
      at = begin.index + begin[0].length;
      inside = true;
    }
  }
}

export interface RedactOptions {
  /** Values the caller knows are secrets (a check's findings name them). */
  secrets?: readonly string[];
  /** The line belongs to an env file: every assigned value is masked. */
  envFile?: boolean;
  /** The line starts inside a private key block. */
  inPrivateKey?: boolean;
}

export interface RedactedLine {
  text: string;
  /** Whether the line ends inside a private key block. */
  inPrivateKey: boolean;
  /** Maps a 1-based column of the original line to the masked one. */
  column(original: number): number;
}

/** Masks every secret a line holds: env values, the caller's secrets, and every credential shape known. */
export function redactLineWithState(line: string, options: RedactOptions = {}): RedactedLine {
  const spans: SecretSpan[] = [];
  if (options.envFile) {
    const assignment = ENV_ASSIGNMENT.exec(line);
    if (assignment && assignment[3] !== '' && !PEM_MARKER.test(assignment[3]!)) {
      const start = assignment[1]!.length + assignment[2]!.length;
      spans.push({ start, end: start + assignment[3]!.length });
    } else if (!assignment && !ENV_COMMENT_OR_BLANK.test(line) && !PEM_MARKER.test(line)) {
      // The continuation of a multi-line quoted value.
      const start = line.length - line.trimStart().length;
      spans.push({ start, end: line.length });
    }
  }
  for (const secret of options.secrets ?? []) {
    if (secret.length === 0) continue;
    for (let at = line.indexOf(secret); at >= 0; at = line.indexOf(secret, at + secret.length))
      spans.push({ start: at, end: at + secret.length });
  }
  const envPattern = envValueRegExp();
  if (envPattern) spansOf(envPattern, line, spans);
  if (MAY_HOLD_SHAPE.test(line)) {
    for (const { pattern } of MASKED_SHAPES) spansOf(pattern, line, spans);
    spansOf(JWT_SHAPE, line, spans);
    RANDOM_RUN.lastIndex = 0;
    for (const match of line.matchAll(RANDOM_RUN))
      if (looksRandom(match[0])) spans.push({ start: match.index!, end: match.index! + match[0].length });
    spansOf(URL_PASSWORD, line, spans, 2, 0);
    spansOf(NAMED_SECRET, line, spans, 2);
    spansOf(SQL_PASSWORD, line, spans, 2, 0);
  }
  const inPrivateKey = privateKeySpans(line, Boolean(options.inPrivateKey), spans);
  return applySpans(line, spans, inPrivateKey);
}

function applySpans(line: string, spans: SecretSpan[], inPrivateKey: boolean): RedactedLine {
  if (spans.length === 0) return { text: line, inPrivateKey, column: (original) => original };
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretSpan[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    // Overlapping secrets are masked as one, shown as the outermost one would be.
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  let text = '';
  let at = 0;
  // Each span's start in the original line and in the masked one, for moving columns across.
  const shifts: Array<{ start: number; end: number; maskedStart: number; maskedEnd: number }> = [];
  for (const span of merged) {
    text += line.slice(at, span.start);
    const maskedStart = text.length;
    const value = line.slice(span.start, span.end);
    text += span.shown === undefined ? maskSecret(value) : maskSecret(value, span.shown);
    shifts.push({ start: span.start, end: span.end, maskedStart, maskedEnd: text.length });
    at = span.end;
  }
  text += line.slice(at);
  return {
    text,
    inPrivateKey,
    column: (original) => {
      let delta = 0;
      for (const shift of shifts) {
        if (original - 1 < shift.start) break;
        if (original - 1 < shift.end) return shift.maskedStart + 1;
        delta = shift.maskedEnd - shift.end;
      }
      return original + delta;
    },
  };
}

/** Masks the secrets in a piece of text (a message, a key to rotate): each line on its own. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  return text
    .split('\n')
    .map((line) => redactLineWithState(line, { secrets }).text)
    .join('\n');
}

/** A line of a file made safe to show: env values, the check's own secrets and credential shapes masked. */
export function redactLine(line: string, file: string, secrets: readonly string[] = [], inPrivateKey = false): string {
  return redactLineWithState(line, { secrets, envFile: isEnvFileName(path.posix.basename(file)), inPrivateKey }).text;
}

/** The 1-based lines of a text that start inside a private key block. */
export function privateKeyLines(lines: readonly string[]): Set<number> {
  const inside = new Set<number>();
  let state = false;
  lines.forEach((line, index) => {
    if (state) inside.add(index + 1);
    if (state || line.includes('PRIVATE KEY-----')) state = privateKeySpans(line, state, []);
  });
  return inside;
}
