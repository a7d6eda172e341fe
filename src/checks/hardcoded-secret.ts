import type { CallExpression, Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { propertyName } from '../engine/ast.ts';
import { envRead } from '../analysis/env-reads.ts';
import {
  entropy,
  isPlaceholder,
  looksRandom,
  publicByName,
  publicByValue,
  secretByName,
  secretKind,
  withArticle,
} from '../secrets/secret-shapes.ts';
import { isDevelopmentFile } from '../project/dependencies.ts';
import { screened } from '../engine/needles.ts';

const SECRET_NAME = screened(
  /secret|api[_-]?key|apikey|token|passw(or)?d|private[_-]?key|credential|auth[_-]?key|service[_-]?(role[_-]?)?key/i,
);
const CHEAP_SHAPES = screened(
  /sk_live_|sk_test_|rk_live_|rk_test_|sk-|sb_secret_|re_|SG\.|shp(at|ss|ca)_|AKIA|PRIVATE KEY|eyJ|:\/\/[^\s'"`]*:[^\s'"`]*@|TextEncoder/,
);
/** Server SDKs whose constructor takes the key: the package, and which positional argument holds it. */
const SDK_KEY_ARGUMENT: Record<string, number> = {
  stripe: 0,
  resend: 0,
  openai: 0,
  '@anthropic-ai/sdk': 0,
  twilio: 1,
  '@sendgrid/mail': 0,
};
const SERVER_SDK_IMPORT = screened(/(?:from\s*|require\(\s*)['"](?:stripe|resend|openai|@anthropic-ai\/sdk|twilio|@sendgrid\/mail)['"]/);
/** Options of provider SDKs and configs that hold the secret half of a credential. */
const CREDENTIAL_OPTION = /^(api_?secret|secret_?access_?key|auth_?token|client_?secret|api_?key|secret_?key|private_?key)$/i;
/** Variables whose fallback is used to sign or encrypt: a guessable default lets anyone forge a session. */
const SIGNING_SECRET = /(JWT|SESSION|COOKIE|NEXTAUTH|AUTH|SIGNING|ENCRYPTION|HMAC|CSRF|TOKEN)_?(SECRET|KEY)$|^SECRET(_KEY)?$/;
const FIREBASE_CONFIG_KEYS = new Set(['authDomain', 'projectId', 'messagingSenderId', 'appId', 'storageBucket']);

function literalValue(node: Node): string | null {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? null;
  return null;
}

/** The name a literal is given: `const apiKey = '…'`, `{ token: '…' }`, `headers.Authorization = '…'`. */
function nameFor(parent: Node | undefined, node: Node): string | null {
  if (!parent) return null;
  if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'ObjectProperty' && parent.value === node) return propertyName(parent);
  if (parent.type === 'AssignmentExpression' && parent.right === node) {
    const left = parent.left;
    if (left.type === 'Identifier') return left.name;
    if (left.type === 'MemberExpression' && left.property.type === 'Identifier') return left.property.name;
  }
  return null;
}

function calleeName(call: CallExpression): string | null {
  const callee = call.callee;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  return callee.type === 'Identifier' ? callee.name : null;
}

/** `jwt.sign(payload, '…')` and `jwt.verify(token, '…')`: the literal is the signing secret. */
function isJwtSecretArgument(parent: Node | undefined, node: Node): boolean {
  if (parent?.type !== 'CallExpression') return false;
  const method = calleeName(parent);
  return (method === 'sign' || method === 'verify') && parent.arguments[1] === node;
}

/** `new TextEncoder().encode('…')`: how jose takes a symmetric signing key. */
function isEncodedKey(parent: Node | undefined, node: Node): boolean {
  if (parent?.type !== 'CallExpression' || parent.arguments[0] !== node) return false;
  const callee = parent.callee;
  return (
    callee.type === 'MemberExpression' &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'encode' &&
    callee.object.type === 'NewExpression' &&
    callee.object.callee.type === 'Identifier' &&
    callee.object.callee.name === 'TextEncoder'
  );
}

/** A Firebase web config (`{ apiKey, authDomain, projectId, … }`), whose `apiKey` is public by design. */
function inFirebaseConfig(parent: Node | undefined, ancestors: readonly Node[]): boolean {
  const object = ancestors.at(-2);
  if (parent?.type !== 'ObjectProperty' || object?.type !== 'ObjectExpression') return false;
  return object.properties.some((p) => p.type === 'ObjectProperty' && FIREBASE_CONFIG_KEYS.has(propertyName(p) ?? ''));
}

/** Browser map SDKs: the key they load the map with is sent by every visitor's browser, restricted by referrer. */
const BROWSER_MAPS_PACKAGE =
  /['"](?:@pbe\/react-yandex-maps|react-yandex-maps|@react-google-maps\/api|@googlemaps\/js-api-loader|@googlemaps\/react-wrapper|@vis\.gl\/react-google-maps|google-map-react)['"]/;
/** The options and props those SDKs take the key in. */
const MAPS_KEY_OPTION = /^(apikey|apiKey|googleMapsApiKey|key)$/;
/** The maps JavaScript API script URLs, which carry the key as a query parameter. */
const MAPS_SCRIPT_URL = /api-maps\.yandex\.(?:ru|com)\/|maps\.googleapis\.com\/maps\/api\/js/;

/** The option or prop a value is given under: `{ apikey: v }`, `<LoadScript googleMapsApiKey={v}>`. */
function optionNameFor(parent: Node | undefined, node: Node, ancestors: readonly Node[]): string | null {
  if (parent?.type === 'ObjectProperty' && parent.value === node) return propertyName(parent);
  const attribute = parent?.type === 'JSXExpressionContainer' ? ancestors.at(-2) : parent;
  if (attribute?.type === 'JSXAttribute' && attribute.name.type === 'JSXIdentifier') return attribute.name.name;
  return null;
}

/** Whether a value is spliced into a maps script URL: `` `https://api-maps.yandex.ru/2.1/?apikey=${KEY}` ``, or with `+`. */
function inMapsScriptUrl(parent: Node | undefined): boolean {
  if (parent?.type === 'TemplateLiteral') return parent.quasis.some((quasi) => MAPS_SCRIPT_URL.test(quasi.value.raw));
  if (parent?.type === 'BinaryExpression' && parent.operator === '+') {
    const text = (side: Node): string =>
      side.type === 'StringLiteral' ? side.value : side.type === 'BinaryExpression' ? text(side.left) + text(side.right) : '';
    return MAPS_SCRIPT_URL.test(text(parent));
  }
  return false;
}

/** A value that could be a real credential: long enough, one token, and not a placeholder. */
/** How a finding shows the value: its first six characters and its length. */
const ROTATE_AND_READ = '({{prefix}}…, {{length}} chars): rotate it, then read it from a server-only environment variable.';

function credentialLike(value: string, minLength: number): boolean {
  return value.length >= minLength && !/\s/.test(value) && !isPlaceholder(value) && entropy(value) >= 3;
}

export default defineCheck({
  meta: {
    id: 'hardcoded-secret',
    title: 'Secret written into the source code',
    severity: 'critical',
    category: 'secrets',
    messages: {
      knownKey: `The source holds {{what}} ${ROTATE_AND_READ}`,
      namedSecret: `The source holds a literal secret in \`{{name}}\` ${ROTATE_AND_READ}`,
      sdkKey: `The source holds a literal key given to a server SDK ${ROTATE_AND_READ}`,
      signingKey: `The source holds a literal secret used to sign tokens ${ROTATE_AND_READ}`,
      fallback: `The source holds a literal fallback for {{fallbackOf}}, used whenever it is unset ${ROTATE_AND_READ}`,
      guessableFallback:
        'The source holds a guessable fallback for {{fallbackOf}}: whenever it is unset, anyone can sign with it ({{prefix}}…, {{length}} chars): read it from a server-only environment variable, and fail when it is unset.',
    },
    docs: "A key in the source is in every clone, fork and build log, and in the git history even after it is deleted. Anyone who sees it can use it: rotate it with the provider, then read it from an environment variable (`process.env.NAME`) that is set on the server only. A literal fallback (`process.env.JWT_SECRET || 'dev-secret'`) ships too: it is the key whenever the variable is unset.",
    prefilter: (text) => CHEAP_SHAPES.test(text) || SECRET_NAME.test(text) || SERVER_SDK_IMPORT.test(text),
    fix: 'extract-hardcoded-secret',
    finds:
      "a literal that is a credential by its shape (Stripe secret and webhook keys, OpenAI, Anthropic, Resend and SendGrid keys, Shopify Admin tokens, Supabase secret keys and service-role JWTs, AWS access keys, private keys, database URLs with a password); a random-looking literal given a name like `apiKey`, `secret`, `token`, `password` or `serviceRoleKey`; the secret option of a provider config (`api_secret`, `secretAccessKey`, `clientSecret`, `authToken`); a key handed to a server SDK (`new Stripe('…')`, `new Resend('…')`, `twilio(sid, '…')`, `new OpenAI({ apiKey: '…' })`); a literal used to sign JWTs (`jwt.sign`, or jose's `new TextEncoder().encode('…')`, directly or through a `const`); and a literal fallback of a secret variable (`process.env.JWT_SECRET || 'dev-secret-…'`, or `??`), which is the key whenever the variable is unset. Placeholders (`your-key-here`, `xxx`, `changeme`, `<password>`, `''`) don't count, except as the fallback of a signing secret (`JWT_SECRET`, `SESSION_SECRET`, …) outside tests, where a guessable default lets anyone sign; nor do keys public by design: Stripe `pk_`, Mapbox `pk.`, PostHog `phc_`, Sentry DSNs, anon JWTs, a Firebase web config's `apiKey`, a browser map key (a literal, or a `const` read only that way, given as `apikey`/`apiKey`/`googleMapsApiKey`/`key` in a module that imports a browser maps SDK such as `@pbe/react-yandex-maps` or `@react-google-maps/api`, or spliced into a Yandex or Google Maps JavaScript API script URL), and values named for Shopify Storefront, Algolia search-only or Segment write keys",
    severityNote: 'low in tests and fixtures',
    sources: [
      {
        title: 'OWASP: Secrets Management Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      },
      { title: 'Stripe: API keys', url: 'https://docs.stripe.com/keys' },
      {
        title: 'GitHub: removing sensitive data from a repository',
        url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
      },
    ],
  },
  check(ctx) {
    // Tests and fixtures hold fake keys more often than real ones.
    const severity =
      isDevelopmentFile(ctx.file.path) || /(^|\/)(fixtures?|__fixtures__|__testfixtures__|mocks?)\//.test(ctx.file.path)
        ? 'low'
        : undefined;
    const importsJose = /['"]jose['"]/.test(ctx.file.text);
    /** Local names of server SDK constructors (`Stripe`, `Resend`, `twilio`), with the argument that holds the key. */
    const sdkConstructors = new Map<string, number>();
    /** `const SECRET = '…'`, kept until the end of the file in case it is encoded into a jose key. */
    const constLiterals = new Map<string, Node>();
    const encodedNames = new Set<string>();
    const reported = new Set<Node>();
    const loadsBrowserMaps = BROWSER_MAPS_PACKAGE.test(ctx.file.text);
    /** How often each name is read, and how often as the key of a browser map: a key read only that way is public by design. */
    const reads = new Map<string, number>();
    const mapsKeyReads = new Map<string, number>();
    const constKeys: Array<{ name: string; emit: () => void }> = [];
    const constNames = new Map<Node, string>();
    const givenToBrowserMaps = (parent: Node | undefined, node: Node, ancestors: readonly Node[]) =>
      (loadsBrowserMaps && MAPS_KEY_OPTION.test(optionNameFor(parent, node, ancestors) ?? '')) || inMapsScriptUrl(parent);

    const report = (
      node: Node,
      value: string,
      messageId: 'knownKey' | 'namedSecret' | 'sdkKey' | 'signingKey' | 'fallback' | 'guessableFallback',
      kind: string | null,
      named: string | null,
      fallbackOf?: string,
    ) => {
      if (reported.has(node)) return;
      reported.add(node);
      const rotate = messageId !== 'guessableFallback';
      const emit = () =>
        ctx.report({
          node,
          secrets: [value],
          severity,
          messageId,
          data: {
            kind: kind ?? 'named-secret',
            name: named,
            ...(fallbackOf ? { fallbackOf } : {}),
            ...(kind ? { what: withArticle(kind) } : {}),
            prefix: value.slice(0, 6),
            length: value.length,
          },
          ...(severity === 'low' || !rotate
            ? {}
            : {
                rotate: {
                  key: `${kind ?? 'secret'} ${value.slice(0, 6)}… in ${ctx.file.path}:${node.loc!.start.line}`,
                  why: 'written in the source, so it is in the git history',
                },
              }),
        });
      const constName = constNames.get(node);
      if (!kind && constName) constKeys.push({ name: constName, emit });
      else emit();
    };

    /** A literal handed to a server SDK: `new Stripe('…')`, `twilio(sid, '…')`, `new OpenAI({ apiKey: '…' })`. */
    const sdkKeyArgument = (parent: Node | undefined, node: Node, ancestors: readonly Node[]): boolean => {
      const constructs = (call: Node | undefined, argument: Node) => {
        if (call?.type !== 'NewExpression' && call?.type !== 'CallExpression') return false;
        if (call.callee.type !== 'Identifier' || !sdkConstructors.has(call.callee.name)) return false;
        const index = call.arguments.indexOf(argument as never);
        return index === sdkConstructors.get(call.callee.name) || (argument.type === 'ObjectExpression' && index >= 0);
      };
      if (constructs(parent, node)) return true;
      return (
        parent?.type === 'ObjectProperty' &&
        CREDENTIAL_OPTION.test(propertyName(parent) ?? '') &&
        constructs(ancestors.at(-3), ancestors.at(-2)!)
      );
    };

    /** `process.env.JWT_SECRET || '…'` (or `??`): the literal is the secret whenever the variable is unset. */
    const fallbackFor = (parent: Node | undefined, node: Node): string | null => {
      if (parent?.type !== 'LogicalExpression' || parent.right !== node || parent.operator === '&&') return null;
      const variable = envRead(parent.left);
      return variable && secretByName(variable) ? variable : null;
    };

    const visit = (node: Node, ancestors: readonly Node[]) => {
      const value = literalValue(node);
      if (!value) return;
      const parent = ancestors.at(-1);
      const named = nameFor(parent, node);
      if (publicByValue(value) || (named && publicByName(named))) return;
      if (givenToBrowserMaps(parent, node, ancestors)) return;
      if (named && parent?.type === 'VariableDeclarator') constNames.set(node, named);
      if (value.startsWith('AIza') && inFirebaseConfig(parent, ancestors)) return;
      const fallback = fallbackFor(parent, node);
      if (fallback) {
        if (secretKind(value) || credentialLike(value, 8)) report(node, value, 'fallback', secretKind(value), fallback, fallback);
        else if (SIGNING_SECRET.test(fallback) && severity !== 'low') report(node, value, 'guessableFallback', null, fallback, fallback);
        return;
      }
      if (value.length < 8) return;
      const kind = secretKind(value);
      if (kind) return report(node, value, 'knownKey', kind, named);
      if (named && SECRET_NAME.test(named) && looksRandom(value)) return report(node, value, 'namedSecret', null, named);
      if (named && CREDENTIAL_OPTION.test(named) && named !== 'apiKey' && credentialLike(value, 16))
        return report(node, value, 'namedSecret', null, named);
      if (sdkKeyArgument(parent, node, ancestors) && credentialLike(value, 8)) return report(node, value, 'sdkKey', null, named);
      if (isJwtSecretArgument(parent, node) || (importsJose && isEncodedKey(parent, node)))
        return report(node, value, 'signingKey', null, named);
      const declaration = ancestors.at(-2);
      if (parent?.type === 'VariableDeclarator' && named && declaration?.type === 'VariableDeclaration' && declaration.kind === 'const')
        constLiterals.set(named, node);
    };
    return {
      ImportDeclaration(node) {
        if (!(node.source.value in SDK_KEY_ARGUMENT)) return;
        for (const specifier of node.specifiers) {
          if (specifier.type !== 'ImportSpecifier') sdkConstructors.set(specifier.local.name, SDK_KEY_ARGUMENT[node.source.value]!);
          else if (['Stripe', 'Resend', 'OpenAI', 'Anthropic', 'Twilio'].includes(specifier.local.name))
            sdkConstructors.set(specifier.local.name, SDK_KEY_ARGUMENT[node.source.value]!);
        }
      },
      VariableDeclarator(node) {
        // `const Stripe = require('stripe')`
        if (node.id.type !== 'Identifier' || node.init?.type !== 'CallExpression') return;
        const [source] = node.init.arguments;
        if (
          node.init.callee.type === 'Identifier' &&
          node.init.callee.name === 'require' &&
          source?.type === 'StringLiteral' &&
          source.value in SDK_KEY_ARGUMENT
        ) {
          sdkConstructors.set(node.id.name, SDK_KEY_ARGUMENT[source.value]!);
        }
      },
      CallExpression(node) {
        if (importsJose && node.arguments[0]?.type === 'Identifier' && isEncodedKey(node, node.arguments[0]))
          encodedNames.add(node.arguments[0].name);
      },
      StringLiteral: visit,
      TemplateLiteral: visit,
      Identifier(node, ancestors) {
        const parent = ancestors.at(-1);
        if (parent?.type === 'VariableDeclarator' && parent.id === node) return;
        if (
          (parent?.type === 'ObjectProperty' || parent?.type === 'MemberExpression') &&
          !parent.computed &&
          (parent.type === 'ObjectProperty' ? parent.key : parent.property) === node
        )
          return;
        reads.set(node.name, (reads.get(node.name) ?? 0) + 1);
        if (givenToBrowserMaps(parent, node, ancestors)) mapsKeyReads.set(node.name, (mapsKeyReads.get(node.name) ?? 0) + 1);
      },
      'Program:exit'() {
        for (const name of encodedNames) {
          const literal = constLiterals.get(name);
          const value = literal && literalValue(literal);
          if (literal && value) report(literal, value, 'signingKey', null, name);
        }
        for (const { name, emit } of constKeys) {
          const mapsOnly = (mapsKeyReads.get(name) ?? 0) > 0 && mapsKeyReads.get(name) === reads.get(name);
          if (!mapsOnly) emit();
        }
      },
    };
  },
});
