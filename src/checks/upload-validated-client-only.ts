import type { Node, Program } from '@babel/types';
import { defineCheck } from './define.ts';
import { clientGraph, type ClientGraph } from '../analysis/client-graph.ts';
import { runsInBrowser } from '../analysis/fetch-calls.ts';
import { importsOf } from '../analysis/auth/syntax.ts';
import { requestHandlers } from '../analysis/request-handlers.ts';
import { UPLOAD_TEXT, fileHandoffs, jsxStringValue, storeHelpers, uploadStores, type StoreHelper } from '../analysis/uploads.ts';
import { memberName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { anyOf } from '../engine/needles.ts';

const UPLOAD_WORDS = anyOf(UPLOAD_TEXT);

type MessageId = 'noChecks' | 'noSizeCheck' | 'noTypeCheck';

/** An upload the server stores without checking all of it. */
interface StoreFact {
  kind: 'store';
  file: string;
  line: number;
  column: number;
  messageId: MessageId;
  route: string | null;
  action: string | null;
  store: string;
  provider: string;
  /** Stored by another module's function the handler hands the file to. */
  handoff?: boolean;
}

/** A handler handing an uploaded file to another module's function, which may store it. */
interface HandoffFact {
  kind: 'handoff';
  file: string;
  line: number;
  column: number;
  route: string | null;
  action: string | null;
  callee: string;
  source: string;
  imported: string;
  argument: number;
  sizeChecked: boolean;
  typeChecked: boolean;
}

/** A module's exported functions that store a parameter. */
interface HelperFact {
  kind: 'helpers';
  file: string;
  helpers: StoreHelper[];
}

/** What a browser module checks of a file before it sends it, and where it sends it. */
interface FormFact {
  kind: 'form';
  file: string;
  accept: string | null;
  sizeTest: boolean;
  /** `/api/…` paths the module names: a fetch, a form's `action`, an axios call. */
  paths: string[];
  /** Named imports from project modules: `[exported name, specifier]`. */
  imports: Array<[string, string]>;
}

/** A form's own check, or a path it posts to: the posting module and the input are often two components. */
const FORM_TEXT = /accept=|\.size\s*[<>]|['"`]\/api\//;

/** A route pattern as a regular expression over the paths a client writes: `[id]` takes one segment, `[...slug]` the rest. */
function routePattern(route: string): RegExp {
  const source = route
    .split('/')
    .map((segment) => (/^\[\[?\.\.\./.test(segment) ? '.*' : /^\[/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** The static start of a path literal or template: `` `/api/upload/${id}` `` → `/api/upload/x`. */
function pathText(node: Node): string | null {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((quasi) => quasi.value.cooked ?? '').join('x');
  return null;
}

function formFact(file: string, program: Program): FormFact | null {
  let accept: string | null = null;
  let sizeTest = false;
  const paths: string[] = [];
  forEachNode(program, (node) => {
    if (node.type === 'JSXAttribute' && node.name.type === 'JSXIdentifier' && node.name.name === 'accept')
      accept ??= jsxStringValue(node.value);
    else if (node.type === 'BinaryExpression' && ['<', '<=', '>', '>='].includes(node.operator))
      sizeTest ||= [node.left, node.right].some((side) => memberName(side) === 'size');
    else if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') {
      const path = pathText(node)?.split('?')[0];
      if (path?.startsWith('/api/')) paths.push(path);
    }
  });
  if (!accept && !sizeTest && paths.length === 0) return null;
  const imports = [...importsOf(program).values()].map((imported): [string, string] => [imported.imported, imported.source]);
  return { kind: 'form', file, accept, sizeTest, paths, imports };
}

/** The browser's own checks, named as context: `accept="image/*"` and a size test in components/upload.tsx. */
function browserContext(forms: readonly FormFact[]): string {
  if (forms.length === 0) return '';
  const form = forms[0]!;
  const checks = [form.accept !== null ? `\`accept="${form.accept}"\`` : null, form.sizeTest ? 'a `.size` test' : null].filter(Boolean);
  return ` The browser checks it (${checks.join(' and ')} in ${form.file}), but a request sent straight to the server skips the browser.`;
}

const messageFor = (sizeChecked: boolean, typeChecked: boolean): MessageId =>
  !sizeChecked && !typeChecked ? 'noChecks' : sizeChecked ? 'noTypeCheck' : 'noSizeCheck';

/** The store a handoff reaches: the helper it calls stores that argument, and neither module checks what the other does not. */
function storeThrough(handoff: HandoffFact, helpers: ReadonlyMap<string, StoreHelper[]>, graph: ClientGraph): StoreFact[] {
  const module = graph.resolve(handoff.file, handoff.source);
  const helper = module
    ? helpers.get(module)?.find((candidate) => candidate.name === handoff.imported && candidate.argument === handoff.argument)
    : null;
  if (!module || !helper) return [];
  const sizeChecked = handoff.sizeChecked || helper.sizeChecked;
  const typeChecked = handoff.typeChecked || helper.typeChecked;
  if (sizeChecked && typeChecked) return [];
  return [
    {
      kind: 'store',
      file: handoff.file,
      line: handoff.line,
      column: handoff.column,
      messageId: messageFor(sizeChecked, typeChecked),
      route: handoff.route,
      action: handoff.action,
      store: `${handoff.callee}`,
      provider: `${helper.kind} (${helper.label} in ${module})`,
      handoff: true,
    },
  ];
}

export default defineCheck({
  meta: {
    id: 'upload-validated-client-only',
    title: 'Uploaded file stored without a server-side size and type check',
    severity: 'high',
    severityNote: 'medium when the server checks one of size and type (a server action always has a size bound: `bodySizeLimit`)',
    category: 'uploads',
    messages: {
      noChecks:
        '`{{store}}` writes a file the caller uploaded to {{provider}} without checking its size or its type on the server.{{context}}',
      noSizeCheck: '`{{store}}` writes a file the caller uploaded to {{provider}} without checking its size on the server.{{context}}',
      noTypeCheck: '`{{store}}` writes a file the caller uploaded to {{provider}} without checking its type on the server.{{context}}',
    },
    docs: "A form's `accept=` and a `file.size` test in browser code only guide the file picker: anyone can post any bytes to the route or the server action directly, with `curl` or the browser's console. Without a check on the server, one request can fill the bucket (and the bill) with gigabytes, or store an HTML or SVG file that runs as script when someone opens its public URL. Check `file.size` against a maximum and `file.type` against an allow-list in the handler, before the store call, and answer 413 or 415.",
    // Wider than the fix's: the forms that post to a route, and handlers that hand a file on, are read too.
    // A function, not the list: the module that posts the file is read too, so this is wider than the fix's own prefilter.
    prefilter: (text) => UPLOAD_WORDS.test(text),
    fix: 'validate-upload',
    clientGraph: true,
    finds:
      "a route handler, an API route or a server action that stores a file from the request (`formData.get('file')`, each of `formData.getAll('files')`, a server action's `File` parameter, or the bytes read from one: `await file.arrayBuffer()`, `Buffer.from(bytes)`) with Supabase Storage (`supabase.storage.from(bucket).upload(path, file)`), S3 (`new PutObjectCommand({ Body })`, `new Upload({ params: { Body } })`, aws-sdk v2 `s3.upload`/`putObject`), Vercel Blob (`put` from `@vercel/blob`) or the file system (`fs.writeFile`, `writeFileSync`, `createWriteStream`), or an API route that parses multipart with formidable or multer and stores, without a server-side size check (`file.size` or a buffer's length compared, formidable's `maxFileSize`, multer's `limits.fileSize`, zod's `z.file().max()`), a type check (`file.type` compared or looked up in an array or a Set, `startsWith('image/')`, an extension allow-list, a `file-type` magic-bytes check, a `fileFilter`, zod's `.mime()`, a `.refine` on either), or either. A server action's body is capped by Next.js's `serverActions.bodySizeLimit` (1 MB unless raised), so it reports only a missing type check there. The browser's own checks, a form's `accept=` or a `.size` test in a module that posts to this route or imports this action, are named in the message as context. A file handed to a function another module exports that stores that parameter (`uploadToS3(buffer, key)` in `lib/s3.ts`) is reported at the call, and checks in either module count; a handler's own `validate…`/`check…` function given the file, its size or its type counts as both checks. Not reported: UploadThing file routers, which declare their own limits",
    sources: [
      {
        title: 'OWASP: File Upload Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html',
      },
      { title: 'MDN: the accept attribute', url: 'https://developer.mozilla.org/en-US/docs/Web/HTML/Reference/Attributes/accept' },
      {
        title: 'Next.js: serverActions.bodySizeLimit',
        url: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/serverActions',
      },
      { title: 'Supabase: Storage uploads', url: 'https://supabase.com/docs/guides/storage/uploads/standard-uploads' },
      { title: 'Vercel Blob: server uploads', url: 'https://vercel.com/docs/vercel-blob/server-upload' },
      {
        title: 'AWS SDK for JavaScript v3: PutObjectCommand',
        url: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/s3/command/PutObjectCommand/',
      },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        if (!ctx.ast) return;
        if (runsInBrowser(ctx.file.path, program) || /\.[jt]sx$/.test(ctx.file.path)) {
          const form = FORM_TEXT.test(ctx.file.text) ? formFact(ctx.file.path, program) : null;
          if (form) ctx.collect(form);
          if (runsInBrowser(ctx.file.path, program)) return;
        }
        if (!program.directives.some((directive) => directive.value.value === 'use server')) {
          const helpers = storeHelpers(program);
          if (helpers.length > 0) ctx.collect({ kind: 'helpers', file: ctx.file.path, helpers } satisfies HelperFact);
        }
        const handlers = requestHandlers(ctx.file.path, ctx.ast, ctx.project);
        if (handlers.length === 0) return;
        for (const handoff of fileHandoffs(program, handlers)) {
          if (handoff.sizeChecked && handoff.typeChecked) continue;
          ctx.collect({
            kind: 'handoff',
            file: ctx.file.path,
            line: handoff.call.loc!.start.line,
            column: handoff.call.loc!.start.column + 1,
            route: handoff.handler.route,
            action: handoff.handler.kind === 'server-action' ? handoff.handler.name : null,
            callee: ctx.file.text.slice(handoff.call.callee.start!, handoff.call.callee.end!),
            source: handoff.source,
            imported: handoff.imported,
            argument: handoff.argument,
            sizeChecked: handoff.sizeChecked,
            typeChecked: handoff.typeChecked,
          } satisfies HandoffFact);
        }
        for (const store of uploadStores(program, handlers)) {
          if (store.sizeChecked && store.typeChecked) continue;
          const messageId: MessageId =
            !store.sizeChecked && !store.typeChecked ? 'noChecks' : store.sizeChecked ? 'noTypeCheck' : 'noSizeCheck';
          ctx.collect({
            kind: 'store',
            file: ctx.file.path,
            line: store.call.loc!.start.line,
            column: store.call.loc!.start.column + 1,
            messageId,
            route: store.handler.route,
            action: store.handler.kind === 'server-action' ? store.handler.name : null,
            store: store.label,
            provider: store.kind,
          } satisfies StoreFact);
        }
      },
    };
  },
  finish(ctx) {
    const facts = ctx.facts as Array<StoreFact | FormFact | HandoffFact | HelperFact>;
    const graph = clientGraph(ctx.project);
    const helpers = new Map(facts.filter((fact): fact is HelperFact => fact.kind === 'helpers').map((fact) => [fact.file, fact.helpers]));
    const stores = [
      ...facts.filter((fact): fact is StoreFact => fact.kind === 'store'),
      ...facts.filter((fact): fact is HandoffFact => fact.kind === 'handoff').flatMap((handoff) => storeThrough(handoff, helpers, graph)),
    ];
    if (stores.length === 0) return;
    const forms = facts.filter((fact): fact is FormFact => fact.kind === 'form').sort((a, b) => a.file.localeCompare(b.file));
    // `accept=` is the browser's check wherever the form renders; a size test is only one in code the browser runs.
    const checking = forms
      .map((form) => ({ ...form, sizeTest: form.sizeTest && graph.isClient(form.file) }))
      .filter((form) => form.accept !== null || form.sizeTest);
    const byFile = new Map(checking.map((form) => [form.file, form]));
    for (const store of stores.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
      const pattern = store.route ? routePattern(store.route) : null;
      const posting = forms.filter((form) =>
        pattern
          ? form.paths.some((path) => pattern.test(path))
          : form.file === store.file ||
            form.imports.some(([name, specifier]) => name === store.action && graph.resolve(form.file, specifier) === store.file),
      );
      // The module that posts, or a component it renders: `<FileInput accept="image/*" />` from the form's own module.
      const checked = posting.flatMap((form) => [
        ...(byFile.has(form.file) ? [byFile.get(form.file)!] : []),
        ...form.imports.flatMap(([, specifier]) => {
          const imported = graph.resolve(form.file, specifier);
          return imported && imported !== form.file && byFile.has(imported) ? [byFile.get(imported)!] : [];
        }),
      ]);
      ctx.report({
        file: store.file,
        loc: { line: store.line, column: store.column },
        messageId: store.messageId,
        severity: store.messageId === 'noChecks' ? 'high' : 'medium',
        data: {
          store: store.store,
          provider: store.provider,
          context: browserContext(checked),
          accept: checked.find((form) => form.accept !== null)?.accept ?? null,
          handoff: store.handoff ?? false,
          sizeChecked: store.messageId === 'noTypeCheck',
          typeChecked: store.messageId === 'noSizeCheck',
        },
      });
    }
  },
});
