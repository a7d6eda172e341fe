import type { Node, Program } from '@babel/types';
import { enclosingFunction, memberName, propertyName } from '../engine/ast.ts';
import type { FinishContext, Visitors } from '../types.ts';
import { clientGraph } from './client-graph.ts';
import { runsInBrowser } from './fetch-calls.ts';

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
export function memoryStoreVisitors(file: string, text: string, found: (stores: MemoryStore[]) => void): Visitors {
  let stores = new Map<string, Candidate>();
  const noteUse = (name: string, ancestors: readonly Node[], value: Node | null) => {
    const store = stores.get(name);
    const writer = enclosingFunction(ancestors);
    if (!store || !writer) return;
    store.writers.add(writer);
    if (value?.type === 'ObjectExpression') for (const property of value.properties) addKey(store, propertyName(property));
  };
  const addKey = (store: Candidate, key: string | null) => {
    if (key) store.valueKeys.add(key);
  };
  return {
    Program(program) {
      stores = runsInBrowser(file, program) ? new Map() : moduleLevelStores(program);
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
        if (target.object.type === 'Identifier' && stores.has(target.object.name)) {
          noteUse(target.object.name, [...ancestors, node], node.right);
          return;
        }
        target = target.object;
      }
    },
    'Program:exit'() {
      if (stores.size === 0) return;
      const result: MemoryStore[] = [];
      for (const store of stores.values()) {
        if (store.writers.size === 0) continue;
        const writerText = store.passedOn
          ? text
          : [...store.writers].map((writer) => text.slice(writer.start ?? 0, writer.end ?? 0)).join('\n');
        collectMemberKeys(writerText, store);
        const words = nameWords(store.name);
        if (words.some((word) => CACHE_WORDS.has(word))) continue;
        const rate = rateLimitHolds(words, store.valueKeys, writerText);
        const session = rate || words.some((word) => LOCK_WORDS.has(word)) ? null : sessionHolds(words, store.valueKeys);
        if (rate) result.push({ name: store.name, kind: 'rate-limit', holds: rate, line: store.line, column: store.column });
        else if (session) result.push({ name: store.name, kind: 'session', holds: session, line: store.line, column: store.column });
      }
      if (result.length > 0) found(result);
    },
  };
}

/** Members read off an entry (`entry.count++`, `record.resetAt`) count as what the store holds. */
function collectMemberKeys(text: string, store: Candidate): void {
  for (const match of text.matchAll(/\.\s*([A-Za-z_$][\w$]*)/g)) {
    const key = match[1]!;
    if (COUNTER_KEYS.test(key) || WINDOW_KEYS.test(key) || SECRET_KEYS.test(key) || EXPIRY_KEYS.test(key)) store.valueKeys.add(key);
  }
}

/** Reports the stores a check collected that sit in server code, in file order. */
export function reportServerStores<MessageId extends string>(ctx: FinishContext<MessageId>, messageId: MessageId): void {
  const facts = ctx.facts as Array<MemoryStore & { file: string }>;
  if (facts.length === 0) return;
  const graph = clientGraph(ctx.project);
  for (const fact of [...facts].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
    if (graph.isClient(fact.file)) continue;
    ctx.report({ file: fact.file, loc: { line: fact.line, column: fact.column }, messageId, data: { name: fact.name, holds: fact.holds } });
  }
}
