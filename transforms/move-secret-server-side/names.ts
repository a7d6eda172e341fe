import type { CallExpression, Node } from '@babel/types';

export const SUPABASE_WRITES = /^(insert|update|upsert|delete|rpc)$/;

export function pascal(words: string[]): string {
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

export function singular(word: string): string {
  return word.endsWith('ies')
    ? `${word.slice(0, -3)}y`
    : word.endsWith('ses')
      ? word.slice(0, -2)
      : word.endsWith('s') && !word.endsWith('ss')
        ? word.slice(0, -1)
        : word;
}

export function camelWords(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The members and calls from the root identifier out to the outermost call: `openai.chat.completions.create(…)`. */
export function callChain(call: CallExpression): { root: string | null; members: string[]; calls: CallExpression[] } {
  const members: string[] = [];
  const calls: CallExpression[] = [];
  let current: Node = call;
  for (;;) {
    if (current.type === 'CallExpression' || current.type === 'OptionalCallExpression') {
      calls.unshift(current as CallExpression);
      current = current.callee;
    } else if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') {
      members.unshift(!current.computed && current.property.type === 'Identifier' ? current.property.name : '');
      current = current.object;
    } else if (current.type === 'TSNonNullExpression') {
      current = current.expression;
    } else break;
  }
  return { root: current.type === 'Identifier' ? current.name : null, members, calls };
}

export function nameForSdkCall(call: CallExpression): string {
  const { members, calls } = callChain(call);
  const supabaseWrite = members.find((member) => SUPABASE_WRITES.test(member));
  if (supabaseWrite) {
    const from = calls.find(
      (c) => c.callee.type === 'MemberExpression' && c.callee.property.type === 'Identifier' && c.callee.property.name === 'from',
    );
    const table = from?.arguments[0]?.type === 'StringLiteral' ? from.arguments[0].value : 'row';
    return `${supabaseWrite}${pascal(camelWords(table).map((w, i, all) => (i === all.length - 1 ? singular(w) : w)))}`;
  }
  const named = members.filter(Boolean);
  const verb = named.at(-1) ?? 'call';
  const nouns = named.slice(0, -1).flatMap(camelWords);
  if (nouns.length > 0) nouns[nouns.length - 1] = singular(nouns.at(-1)!);
  return `${verb}${pascal(nouns)}`;
}

export function nameForFetch(call: CallExpression, source: string): { name: string; slug: string } {
  const url = call.arguments[0] as Node | undefined;
  const text = url ? source.slice(url.start!, url.end!) : '';
  const host = /https?:\/\/([^/'"`$]+)/.exec(text)?.[1] ?? '';
  const parts = host.split('.').filter((part) => !/^(www|api|com|org|net|io|co|dev|ai)$/.test(part));
  const service = parts.at(-1) ?? 'external';
  return { name: `fetch${pascal(camelWords(service))}`, slug: camelWords(service).join('-') || 'external' };
}
