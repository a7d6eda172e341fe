import type { Provider } from '../../src/analysis/webhooks/index.ts';

/** What a verification snippet is written with: the module's names and the file's syntax. */
export interface SnippetContext {
  provider: Provider;
  typescript: boolean;
  pagesRouter: boolean;
  edge: boolean;
  request: string;
  response: string | null;
  secret: string;
  /** The name the verified event is bound to. */
  event: string;
  /** The type the handler gave the body it read (`const event: InboundEmailEvent = await req.json()`), kept on the verified event. */
  eventType: string | null;
  names: { rawBody: string; signature: string; digest: string; stripe: string };
}

/** Providers whose signature is an HMAC-SHA256 of the raw body, in hex, in one header. */
export const HMAC_HEADERS: Partial<Record<Provider, { header: string; prefix: string }>> = {
  lemonsqueezy: { header: 'x-signature', prefix: '' },
  github: { header: 'x-hub-signature-256', prefix: 'sha256=' },
};

export const SVIX_PROVIDERS: ReadonlySet<Provider> = new Set(['clerk', 'resend', 'svix']);

const secretOf = (c: SnippetContext) => `process.env.${c.secret}${c.typescript ? '!' : ''}`;

function header(c: SnippetContext, name: string): string {
  return c.pagesRouter ? `String(${c.request}.headers['${name}'] ?? '')` : `${c.request}.headers.get('${name}') ?? ''`;
}

function rejection(c: SnippetContext, status: number): string {
  return c.pagesRouter
    ? `return ${c.response}.status(${status}).send('Invalid signature');`
    : `return new Response('Invalid signature', { status: ${status} });`;
}

/** The raw body as the verification reads it: a first statement for the App Router, the stream read in the Pages Router. */
function rawBody(c: SnippetContext): { lines: string[]; value: string } {
  if (c.pagesRouter) return { lines: [`const ${c.names.rawBody} = await readRawBody(${c.request});`], value: c.names.rawBody };
  return { lines: [`const ${c.names.rawBody} = await ${c.request}.text();`], value: c.names.rawBody };
}

/** Lines at one indent level; `\t` marks one level deeper. */
export function stripeLines(c: SnippetContext): string[] {
  const raw = rawBody(c);
  const verify = c.edge
    ? `await ${c.names.stripe}.webhooks.constructEventAsync(${raw.value}, ${header(c, 'stripe-signature')}, ${secretOf(c)}, undefined, ${c.names.stripe}.createSubtleCryptoProvider())`
    : `${c.names.stripe}.webhooks.constructEvent(${raw.value}, ${header(c, 'stripe-signature')}, ${secretOf(c)})`;
  return [
    ...raw.lines,
    `let ${c.event}${c.typescript ? `: ${c.names.stripe}.Event` : ''};`,
    'try {',
    `\t${c.event} = ${verify};`,
    '} catch {',
    `\t${rejection(c, 400)}`,
    '}',
  ];
}

export function svixLines(c: SnippetContext): string[] {
  const raw = rawBody(c);
  return [
    ...raw.lines,
    `let ${c.event}${c.typescript ? `: ${c.eventType ?? 'any'}` : ''};`,
    'try {',
    `\t${c.event} = new Webhook(${secretOf(c)}).verify(${raw.value}, {`,
    ...['svix-id', 'svix-timestamp', 'svix-signature'].map((name) => `\t\t'${name}': ${header(c, name)},`),
    `\t})${c.typescript && c.eventType ? ` as ${c.eventType}` : ''};`,
    '} catch {',
    `\t${rejection(c, 400)}`,
    '}',
  ];
}

export function hmacLines(c: SnippetContext): string[] {
  const raw = rawBody(c);
  const { header: name, prefix } = HMAC_HEADERS[c.provider]!;
  const hex = `createHmac('sha256', ${secretOf(c)}).update(${raw.value}).digest('hex')`;
  return [
    ...raw.lines,
    `const ${c.names.signature} = Buffer.from(${header(c, name)}, 'utf8');`,
    `const ${c.names.digest} = Buffer.from(${prefix ? `'${prefix}' + ${hex}` : hex}, 'utf8');`,
    `if (${c.names.signature}.length !== ${c.names.digest}.length || !timingSafeEqual(${c.names.signature}, ${c.names.digest})) {`,
    `\t${rejection(c, 401)}`,
    '}',
    `const ${c.event} = JSON.parse(${c.pagesRouter ? `${raw.value}.toString('utf8')` : raw.value})${c.typescript && c.eventType ? ` as ${c.eventType}` : ''};`,
  ];
}

/** The Pages Router pieces: Next.js must leave the body unparsed, and the handler reads the stream itself. */
export function pagesConfigLines(typescript: boolean, withConfig: boolean, withReader: boolean): string[] {
  const lines: string[] = [];
  if (withConfig) lines.push('export const config = { api: { bodyParser: false } };', '');
  if (withReader)
    lines.push(
      typescript
        ? 'async function readRawBody(request: AsyncIterable<Buffer | string>): Promise<Buffer> {'
        : 'async function readRawBody(request) {',
      `\tconst chunks${typescript ? ': Buffer[]' : ''} = [];`,
      "\tfor await (const chunk of request) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);",
      '\treturn Buffer.concat(chunks);',
      '}',
      '',
    );
  return lines;
}
