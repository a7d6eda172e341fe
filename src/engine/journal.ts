import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import { UsageError } from '../errors.ts';
import { createDurably, isTempSiblingOf, renameDurably, syncDirectory, tempSibling } from './durable-fs.ts';
import { sha256 } from './hash.ts';
import { resolveInRoot } from './safe-path.ts';
import { STATE_DIR } from './state-dir.ts';

export const UNDO_DIR = `${STATE_DIR}/undo`;
const JOURNAL_FILE = 'journal.json';

/** applying: files may be half written; applied: done; undoing: an undo was stopped half way. */
export type JournalState = 'applying' | 'applied' | 'undoing';

export interface JournalEntry {
  path: string;
  /** The original's bytes, relative to the journal folder; null when the apply created the file. */
  backup: string | null;
  /** The original's mode; null when the apply created the file. */
  mode: number | null;
  /** sha256 of the original's bytes, and of what the apply writes; null where there is no file. */
  beforeHash: string | null;
  afterHash: string | null;
  /** The temporary sibling the new content goes through, so undo can remove it after a crash. */
  temp: string;
}

export interface Journal {
  version: 2;
  state: JournalState;
  createdAt: string;
  command: string;
  /** Folders the apply created for new files, removed by undo when empty. */
  createdDirs: string[];
  entries: JournalEntry[];
}

const HASH = { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' };
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'state', 'createdAt', 'command', 'createdDirs', 'entries'],
  properties: {
    version: { const: 2 },
    state: { enum: ['applying', 'applied', 'undoing'] },
    createdAt: { type: 'string' },
    command: { type: 'string' },
    createdDirs: { type: 'array', items: { type: 'string', minLength: 1 } },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'backup', 'mode', 'beforeHash', 'afterHash', 'temp'],
        properties: {
          path: { type: 'string', minLength: 1 },
          backup: { type: ['string', 'null'], pattern: '^files/[0-9]+$' },
          mode: { type: ['integer', 'null'], minimum: 0, maximum: 0o7777 },
          beforeHash: HASH,
          afterHash: HASH,
          temp: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

let compiled: ValidateFunction | null = null;
/** Loaded and compiled only to read a journal back: every command that writes or reads checks for one, few find one. */
function validator(): ValidateFunction {
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    compiled = new Ajv({ allErrors: false, allowUnionTypes: true }).compile(schema);
  }
  return compiled;
}

export function journalPath(name: string): string {
  return `${UNDO_DIR}/${name}`;
}

/** The journals under root, oldest first; folders being written or removed start with a dot. */
export function journalNames(root: string): string[] {
  const undoRoot = path.join(root, UNDO_DIR);
  let names: string[];
  try {
    names = readdirSync(undoRoot);
  } catch {
    return [];
  }
  return names.filter((name) => !name.startsWith('.') && existsSync(path.join(undoRoot, name, JOURNAL_FILE))).sort();
}

/** The state a journal records, read cheaply at start-up; null when the file cannot be understood. */
export function journalState(root: string, name: string): JournalState | null {
  try {
    const state = (JSON.parse(readFileSync(path.join(root, UNDO_DIR, name, JOURNAL_FILE), 'utf8')) as Partial<Journal>).state;
    return state === 'applying' || state === 'applied' || state === 'undoing' ? state : null;
  } catch {
    return null;
  }
}

/** The last journal of an apply or undo that did not finish (killed, say), or that cannot be read. */
export function interruptedJournal(root: string): string | null {
  return (
    journalNames(root)
      .filter((name) => journalState(root, name) !== 'applied')
      .at(-1) ?? null
  );
}

function corrupt(name: string, detail: string): UsageError {
  return new UsageError(
    `the undo journal ${journalPath(name)} is corrupt: ${detail}`,
    `nothing was restored; delete ${journalPath(name)} and restore the files from git if you need to`,
  );
}

/** Reads a journal and refuses one whose paths leave the project or whose fields are not what shipshape writes. */
export function loadJournal(root: string, name: string): Journal {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(root, UNDO_DIR, name, JOURNAL_FILE), 'utf8'));
  } catch (error) {
    throw corrupt(name, (error as Error).message);
  }
  if (!validator()(raw)) {
    const error = validator().errors?.[0];
    throw corrupt(name, `${error?.instancePath || 'the journal'} ${error?.message ?? 'is invalid'}`);
  }
  const journal = raw as Journal;
  const seen = new Set<string>();
  for (const entry of journal.entries) {
    const normal = path.posix.normalize(entry.path);
    const top = normal.split('/')[0];
    if (normal !== entry.path || top === '.git' || top === STATE_DIR || resolveInRoot(root, entry.path) === null) {
      throw corrupt(name, `"${entry.path}" is not a path inside the project`);
    }
    if (seen.has(entry.path)) throw corrupt(name, `"${entry.path}" appears twice`);
    seen.add(entry.path);
    if ((entry.backup === null) !== (entry.beforeHash === null) || (entry.backup === null) !== (entry.mode === null)) {
      throw corrupt(name, `"${entry.path}" has a backup without its hash or mode`);
    }
    if (!isTempSiblingOf(entry.temp, entry.path)) throw corrupt(name, `"${entry.temp}" is not a temporary file of ${entry.path}`);
  }
  for (const dir of journal.createdDirs) {
    if (path.posix.normalize(dir) !== dir || !journal.entries.some((entry) => entry.path.startsWith(`${dir}/`))) {
      throw corrupt(name, `"${dir}" is not a folder of a journalled file`);
    }
  }
  return journal;
}

/** A backup's bytes, read without following a link, checked against the hash the journal records. */
export function readBackup(root: string, name: string, entry: JournalEntry): Buffer {
  const file = path.join(root, UNDO_DIR, name, entry.backup!);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw corrupt(name, `the backup of ${entry.path} cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw corrupt(name, `the backup of ${entry.path} is not a file`);
    const bytes = readFileSync(fd);
    if (sha256(bytes) !== entry.beforeHash) throw corrupt(name, `the backup of ${entry.path} does not match its hash`);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Replaces journal.json in its folder durably. */
export function writeJournalFile(dir: string, journal: Journal): void {
  const file = path.join(dir, JOURNAL_FILE);
  const temp = tempSibling(file);
  createDurably(temp, `${JSON.stringify(journal, null, 2)}\n`, 0o600);
  renameDurably(temp, file);
  syncDirectory(dir);
}

/** Removes a journal folder: renamed away first, so a crash half way leaves no journal that looks whole. */
export function discardJournal(root: string, name: string): void {
  const undoRoot = path.join(root, UNDO_DIR);
  const doomed = path.join(undoRoot, `.discarded-${name}`);
  renameDurably(path.join(undoRoot, name), doomed);
  syncDirectory(undoRoot);
  rmSync(doomed, { recursive: true, force: true });
}

/** Journal folders a crash left half written or half removed: under the lock, nobody else is using them. */
export function sweepJournalLeftovers(root: string): void {
  const undoRoot = path.join(root, UNDO_DIR);
  let names: string[];
  try {
    names = readdirSync(undoRoot);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.pending-') || name.startsWith('.discarded-')) rmSync(path.join(undoRoot, name), { recursive: true, force: true });
  }
}
