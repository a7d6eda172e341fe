import type { Node, Program } from '@babel/types';
import { enclosingFunction, exportedBindings, memberName, propertyName } from '../engine/ast.ts';
import type { Project } from '../project/types.ts';
import type { FinishContext, Visitors } from '../types.ts';
import { importsOf, type ImportedName } from './auth/syntax.ts';
import { clientGraph } from './client-graph.ts';
import { runsInBrowser } from './fetch-calls.ts';
import { ModuleResolver } from './module-graph.ts';
import { mayDefineRequestHandlers } from './request-handlers.ts';
import { screened, type ScreenedPattern } from '../engine/needles.ts';

export type StoreKind = 'session' | 'rate-limit';

/** A module-level collection that request code writes to, and what it holds. */
export interface MemoryStore {
  name: string;
  kind: StoreKind;
  /** What the store holds, for the message: `OTP codes`, `request counts per IP`. */
  holds: string;
  line: number;
  column: number;
}

/** A module-level store that nothing in its own module writes, exported for other modules to. */
export interface ExportedStore {
  name: string;
  /** The names other modules import it by. */
  exportedAs: string[];
  line: number;
  column: number;
}

/** Writes request code makes to a collection another module exports, with what they put in. */
export interface ImportedStoreWrite {
  source: string;
  imported: string;
  keys: string[];
  /** The writing functions' text, which tells a counter from a code. */
  text: string;
}

/** What one module gives the cross-module checks: its own stores, classified, and the halves of stores shared across modules. */
export interface ModuleStores {
  stores: MemoryStore[];
  exported: ExportedStore[];
  writes: ImportedStoreWrite[];
}

interface Candidate {
  name: string;
  line: number;
  column: number;
  /** The functions that write the store while the app runs. */
  writers: Set<Node>;
  /** Property names of the values put in (`{ count, resetAt }`), and of members read off its entries. */
  valueKeys: Set<string>;
  /** Handed to another function, whose text then tells what the store holds. */
  passedOn?: boolean;
}

const COLLECTIONS = new Set(['Map', 'Set']);

/** `new Map()`, `{}`, `[]`, through `as` casts and `globalThis.x ?? …` fallbacks; null for anything else. */
function emptyCollection(node: Node | null | undefined): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'NewExpression':
      return node.callee.type === 'Identifier' && COLLECTIONS.has(node.callee.name);
    case 'ObjectExpression':
      return node.properties.length === 0;
    case 'ArrayExpression':
      return node.elements.length === 0;
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return emptyCollection(node.expression);
    case 'LogicalExpression':
      return emptyCollection(node.right);
    default:
      return false;
  }
}

function moduleLevelStores(program: Program): Map<string, Candidate> {
  const stores = new Map<string, Candidate>();
  for (const statement of program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration'
        ? statement.declaration
        : statement.type === 'VariableDeclaration'
          ? statement
          : null;
    for (const declarator of declaration?.declarations ?? []) {
      if (declarator.id.type !== 'Identifier' || !emptyCollection(declarator.init)) continue;
      const { line, column } = declarator.loc!.start;
      stores.set(declarator.id.name, { name: declarator.id.name, line, column: column + 1, writers: new Set(), valueKeys: new Set() });
    }
  }
  return stores;
}

const DECLARES_COLLECTION = screened(/new\s+(Map|Set)\b|=\s*(\{\s*\}|\[\s*\])/);
/** `x.set(`, `x.push(`, `x[key] =`; not `const [a, b] =`. */
const WRITES_COLLECTION = screened(/\.(?:set|add|push|unshift)\(|[\w$)\]]\[[^\]\n]*\]\s*=[^=>]/);

/**
 * The text a module needs for the store checks: a collection declared, or a request handler that
 * writes to one (which may be another module's); and one of the words (`about`) that say what a
 * store holds. Writes from other modules count only from handlers: `router.push(` and
 * `searchParams.set(` are in half the components of an app.
 */
export function mayHoldStore(text: string, project: Project, file: string, about: ScreenedPattern): boolean {
  return (
    about.test(text) && (DECLARES_COLLECTION.test(text) || (mayDefineRequestHandlers(text, project, file) && WRITES_COLLECTION.test(text)))
  );
}

/** The words of a camelCase or snake_case name, lower-cased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const CACHE_WORDS = new Set(['cache', 'cached', 'memo', 'static', 'config', 'settings', 'translations']);
/** A lock dedupes work in flight in this process (`refreshTokenLock`): it holds no session, whatever its name says. */
const LOCK_WORDS = new Set(['lock', 'locks', 'mutex', 'semaphore']);
const LIMIT_WORDS = new Set([
  'rate',
  'ratelimit',
  'ratelimiter',
  'limit',
  'limits',
  'limiter',
  'throttle',
  'throttler',
  'attempts',
  'hits',
]);
const COUNTER_KEYS = /^(count|counter|hits|attempts|requests|requestCount|calls|total|tokens)$/i;
const WINDOW_KEYS =
  /^(resetAt|resetTime|resetsAt|reset|windowStart|windowStartedAt|firstRequest|firstAttempt|lastRequest|lastAttempt|timestamps|startTime|start|expiresAt|lockedUntil|blockedUntil)$/i;
const SESSION_WORDS = new Set([
  'session',
  'sessions',
  'otp',
  'otps',
  'nonce',
  'nonces',
  'magic',
  'challenge',
  'challenges',
  'csrf',
  'refresh',
]);
const CODE_QUALIFIERS = new Set([
  'verification',
  'verify',
  'login',
  'reset',
  'auth',
  'email',
  'sms',
  'phone',
  'confirm',
  'confirmation',
  'pending',
]);
const SECRET_KEYS = /^(otp|otpCode|code|verificationCode|token|sessionId|sessionToken|refreshToken|hash|codeHash)$/i;
const IDENTITY_KEYS = /^(userId|user|email|phone|uid|sub)$/i;
const EXPIRY_KEYS = /^(expires|expiresAt|expiry|expiration|exp|expiresIn|validUntil|ttl|createdAt)$/i;

/** Tokens, codes and sessions, by the store's name or by what request code puts in it; null when neither says so. */
function sessionHolds(words: readonly string[], keys: ReadonlySet<string>): string | null {
  const has = (pattern: RegExp) => [...keys].some((key) => pattern.test(key));
  if (words.includes('otp') || words.includes('otps') || [...keys].some((key) => /^otp/i.test(key))) return 'one-time codes';
  if (words.includes('session') || words.includes('sessions')) return 'sessions';
  if ((words.includes('code') || words.includes('codes')) && words.some((word) => CODE_QUALIFIERS.has(word))) return 'verification codes';
  if (words.includes('token') || words.includes('tokens')) return 'tokens';
  if (words.some((word) => SESSION_WORDS.has(word))) return `${words.find((word) => SESSION_WORDS.has(word))} values`;
  if (has(SECRET_KEYS) && has(EXPIRY_KEYS)) return 'codes or tokens with their expiry';
  if (has(IDENTITY_KEYS) && has(EXPIRY_KEYS)) return 'user ids with an expiry';
  return null;
}

/** Request counters, by the store's name with counts or times in it, or by counts kept per time window. */
function rateLimitHolds(words: readonly string[], keys: ReadonlySet<string>, text: string): string | null {
  const windowed = [...keys].some((key) => WINDOW_KEYS.test(key)) || /Date\.now\(\)|new Date\(\)/.test(text);
  // A list of request times per key (a sliding log) counts as well as a number does.
  const counts = [...keys].some((key) => COUNTER_KEYS.test(key)) || /\+\+|\+=?\s*1\b/.test(text) || (windowed && /\.push\(/.test(text));
  const perAddress = /x-forwarded-for|x-real-ip|\bip\b|remoteAddress/i.test(text) ? ' per IP address' : ' per key';
  const named = words.some((word) => LIMIT_WORDS.has(word));
  // A generic name (`store`, `buckets`) counts when the code around it says what it limits.
  const limiting = /rate_?limit|limiter|throttl|too many requests|\b429\b/i.test(text) || perAddress === ' per IP address';
  if ((named && (counts || windowed)) || (counts && windowed && (limiting || words.some((w) => /^(requests?|calls|usage)$/.test(w)))))
    return `request counts${perAddress}`;
  return null;
}

/**
 * Visitors that find module-level `Map`s, `Set`s, objects and arrays that request code writes to
 * (`store.set`, `store.add`, `store[key] =`, `store.push`), and classify each as a session store or a
 * rate limiter; `found` receives them once the file is walked. A store written only at module level
 * (a table of static data) is neither, and browser code keeps no server state.
 */
export function memoryStoreVisitors(file: string, text: string, found: (stores: ModuleStores) => void): Visitors {
  let stores = new Map<string, Candidate>();
  let imports = new Map<string, ImportedName>();
  let exports = new Map<string, string[]>();
  // Collections other modules export, by local name, written here: judged where they are defined.
  const imported = new Map<string, Candidate>();
  const noteUse = (name: string, ancestors: readonly Node[], value: Node | null) => {
    const writer = enclosingFunction(ancestors);
    if (!writer) return;
    let store = stores.get(name);
    if (!store && imports.has(name)) {
      store = imported.get(name) ?? { name, line: 0, column: 0, writers: new Set(), valueKeys: new Set() };
      imported.set(name, store);
    }
    if (!store) return;
    store.writers.add(writer);
    if (value?.type === 'ObjectExpression') for (const property of value.properties) addKey(store, propertyName(property));
  };
  const addKey = (store: Candidate, key: string | null) => {
    if (key) store.valueKeys.add(key);
  };
  return {
    Program(program) {
      const browser = runsInBrowser(file, program);
      stores = browser ? new Map() : moduleLevelStores(program);
      imports = browser ? new Map() : importsOf(program);
      exports = browser ? new Map() : exportedBindings(program);
    },
    CallExpression(node, ancestors) {
      const callee = node.callee;
      // A store handed to a function of the module (`hit(ip, attempts, config)`) is written there.
      if (callee.type === 'Identifier')
        for (const argument of node.arguments)
          if (argument.type === 'Identifier' && stores.has(argument.name)) {
            noteUse(argument.name, [...ancestors, node], null);
            stores.get(argument.name)!.passedOn = true;
          }
      if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return;
      const method = memberName(callee);
      if (method === 'set' || method === 'push' || method === 'add' || method === 'unshift')
        noteUse(callee.object.name, [...ancestors, node], (method === 'set' ? node.arguments[1] : node.arguments[0]) as Node | null);
    },
    AssignmentExpression(node, ancestors) {
      let target: Node = node.left;
      while (target.type === 'MemberExpression') {
        if (target.object.type === 'Identifier' && (stores.has(target.object.name) || imports.has(target.object.name))) {
          noteUse(target.object.name, [...ancestors, node], node.right);
          return;
        }
        target = target.object;
      }
    },
    'Program:exit'() {
      const result: ModuleStores = { stores: [], exported: [], writes: [] };
      const writersText = (store: Candidate) =>
        store.passedOn ? text : [...store.writers].map((writer) => text.slice(writer.start ?? 0, writer.end ?? 0)).join('\n');
      for (const store of stores.values()) {
        if (store.writers.size === 0) {
          const exportedAs = exports.get(store.name);
          if (exportedAs) result.exported.push({ name: store.name, exportedAs, line: store.line, column: store.column });
          continue;
        }
        const writerText = writersText(store);
        collectMemberKeys(writerText, store);
        const judged = judgeStore(store.name, store.valueKeys, writerText);
        if (judged) result.stores.push({ name: store.name, ...judged, line: store.line, column: store.column });
      }
      for (const [local, store] of imported) {
        if (store.writers.size === 0 || store.passedOn) continue;
        const writerText = writersText(store);
        collectMemberKeys(writerText, store);
        const { source, imported: name } = imports.get(local)!;
        result.writes.push({ source, imported: name, keys: [...store.valueKeys], text: writerText });
      }
      if (result.stores.length > 0 || result.exported.length > 0 || result.writes.length > 0) found(result);
    },
  };
}

/** A store's kind and what it holds, by its name, what goes in and the code that writes it; null for neither kind. */
function judgeStore(name: string, keys: ReadonlySet<string>, writerText: string): Pick<MemoryStore, 'kind' | 'holds'> | null {
  const words = nameWords(name);
  if (words.some((word) => CACHE_WORDS.has(word))) return null;
  const rate = rateLimitHolds(words, keys, writerText);
  if (rate) return { kind: 'rate-limit', holds: rate };
  const session = words.some((word) => LOCK_WORDS.has(word)) ? null : sessionHolds(words, keys);
  return session ? { kind: 'session', holds: session } : null;
}

/** Members read off an entry (`entry.count++`, `record.resetAt`) count as what the store holds. */
function collectMemberKeys(text: string, store: Candidate): void {
  for (const match of text.matchAll(/\.\s*([A-Za-z_$][\w$]*)/g)) {
    const key = match[1]!;
    if (COUNTER_KEYS.test(key) || WINDOW_KEYS.test(key) || SECRET_KEYS.test(key) || EXPIRY_KEYS.test(key)) store.valueKeys.add(key);
  }
}

type StoreFacts = ModuleStores & { file: string };

/**
 * Stores that one module exports and others write: each write is followed to the module its import
 * names, and a store is judged by everything written to it there.
 */
function sharedStores(ctx: FinishContext<string>, facts: readonly StoreFacts[]): Array<MemoryStore & { file: string }> {
  const byFile = new Map(facts.filter((fact) => fact.exported.length > 0).map((fact) => [fact.file, fact.exported]));
  if (byFile.size === 0) return [];
  const files = new Set(ctx.project.files);
  const resolver = new ModuleResolver(ctx.project.root, (file) => files.has(file));
  const written = new Map<ExportedStore, { file: string; keys: Set<string>; texts: string[] }>();
  for (const fact of facts) {
    for (const write of fact.writes) {
      const target = resolver.resolve(fact.file, write.source)?.file;
      const store = target ? byFile.get(target)?.find((exported) => exported.exportedAs.includes(write.imported)) : undefined;
      if (!store) continue;
      const seen = written.get(store) ?? { file: target!, keys: new Set<string>(), texts: [] };
      for (const key of write.keys) seen.keys.add(key);
      seen.texts.push(write.text);
      written.set(store, seen);
    }
  }
  return [...written].flatMap(([store, { file, keys, texts }]) => {
    const judged = judgeStore(store.name, keys, texts.join('\n'));
    return judged ? [{ name: store.name, ...judged, line: store.line, column: store.column, file }] : [];
  });
}

/** Collects, for a check of stores of one kind, what a module gives it. */
export function collectStores(collect: (fact: unknown) => void, file: string, found: ModuleStores, kind: StoreKind): void {
  const stores = found.stores.filter((store) => store.kind === kind);
  if (stores.length > 0 || found.exported.length > 0 || found.writes.length > 0) collect({ ...found, stores, file } satisfies StoreFacts);
}

/** Reports the stores of `kind` a check collected that sit in server code, in file order: those of one module, and those shared across modules. */
export function reportServerStores<MessageId extends string>(ctx: FinishContext<MessageId>, messageId: MessageId, kind: StoreKind): void {
  const facts = ctx.facts as StoreFacts[];
  if (facts.length === 0) return;
  const stores = [
    ...facts.flatMap((fact) => fact.stores.map((store) => ({ ...store, file: fact.file }))),
    ...sharedStores(ctx as FinishContext<string>, facts).filter((store) => store.kind === kind),
  ];
  if (stores.length === 0) return;
  const graph = clientGraph(ctx.project);
  for (const fact of stores.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
    if (graph.isClient(fact.file)) continue;
    ctx.report({ file: fact.file, loc: { line: fact.line, column: fact.column }, messageId, data: { name: fact.name, holds: fact.holds } });
  }
}
