import type { Node, Program, Statement } from '@babel/types';
import { TextEdits, insertImportLines } from '../src/engine/codemod.ts';
import { parseSource } from '../src/engine/parse.ts';
import { forEachNode } from '../src/engine/walk.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import type { Project } from '../src/project/types.ts';
import { requestHandlers, type RequestHandler } from '../src/analysis/request-handlers.ts';
import { fileHandoffs, uploadStores, type UploadStore } from '../src/analysis/uploads.ts';
import { rejectLines, type HandlerNames } from '../src/analysis/auth/idiom.ts';
import { importsOf } from '../src/analysis/auth/syntax.ts';
import { propertyName, statementInList } from '../src/engine/ast.ts';
import { FALLBACK_UPLOAD_TYPES, meta } from './meta/validate-upload.ts';
import { mentionsName } from '../src/analysis/error-handling.ts';
export { meta };

const CHECK_ID = 'upload-validated-client-only';
const MULTIPART_TODO =
  "bound the upload on the server before storing it: formidable's `maxFileSize` or multer's `limits.fileSize`, and a `filter`/`fileFilter` on the file's mimetype";
const NOWHERE_TODO =
  'check this upload on the server before storing it: its size against a maximum (answer 413) and its type against an allow-list (answer 415)';

/** The types an `accept=` wildcard stands for: the formats browsers display, never SVG, which can carry script. */
const WILDCARD_TYPES: Record<string, string[]> = {
  'image/*': ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif'],
  'video/*': ['video/mp4', 'video/webm', 'video/quicktime'],
  'audio/*': ['audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/webm'],
};

/** The MIME type browsers send for the extensions `accept=` lists most. */
const EXTENSION_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.heic': 'image/heic',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The MIME types an `accept=` value allows, or null when it names none this can spell out. */
export function acceptedTypes(accept: string): string[] | null {
  const types = accept
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .flatMap(
      (entry) =>
        WILDCARD_TYPES[entry] ?? (EXTENSION_TYPES[entry] ? [EXTENSION_TYPES[entry]] : /^[\w.+-]+\/[\w.+-]+$/.test(entry) ? [entry] : []),
    );
  return types.length > 0 ? [...new Set(types)] : null;
}

function bytesText(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} * 1024 * 1024`;
  if (bytes > 1024 && bytes % 1024 === 0) return `${bytes / 1024} * 1024`;
  return String(bytes);
}

/** Whether a server action already answers its failures as `return { error }`. */
function returnsErrors(handler: RequestHandler): boolean {
  let found = false;
  forEachNode(handler.fn.body, (node) => {
    if (node.type === 'ReturnStatement' && node.argument?.type === 'ObjectExpression')
      found ||= node.argument.properties.some((property) => propertyName(property) === 'error');
  });
  return found;
}

/**
 * Where the checks go: after the statement that reads the file, or first in the loop over the files or in a server
 * action taking a File, and after the `if` statements there that already test it (`if (!file) return …`); null
 * where a check cannot return from the handler (a callback) or would come after the store.
 */
function checkSite(store: StoreSite): { at: number; indentFrom: number; before: boolean; guarded: boolean } | null {
  const file = store.file!;
  const binding = file.binding;
  const handler = store.handler;
  let statements: Statement[] | null = null;
  let from = 0;
  if (binding === handler.fn || binding.type === 'ForOfStatement') {
    const body = binding === handler.fn ? handler.fn.body : (binding as { body: Node }).body;
    if (body.type === 'BlockStatement') statements = body.body;
  } else if (binding.type === 'VariableDeclaration') {
    forEachNode(handler.fn.body, (node) => {
      if (node.type === 'BlockStatement' && node.body.includes(binding)) {
        statements = node.body;
        from = node.body.indexOf(binding) + 1;
      }
    });
  }
  const list = statements as Statement[] | null;
  if (!list) return null;
  let last: Statement | null = from > 0 ? list[from - 1]! : null;
  let guarded = false;
  for (const next of list.slice(from)) {
    if (next.type !== 'IfStatement' || !mentionsName(next.test, file.name) || next.end! > store.call.start!) break;
    last = next;
    guarded = true;
  }
  if (last) return last.end! <= store.call.start! ? { at: last.end!, indentFrom: last.start!, before: false, guarded } : null;
  const first = list[0];
  return first && first.start! <= store.call.start! ? { at: first.start!, indentFrom: first.start!, before: true, guarded } : null;
}

/** A store call, or a call that hands the file to a module that stores it, with what the server already checks. */
type StoreSite = Pick<UploadStore, 'handler' | 'call' | 'file' | 'sizeChecked' | 'typeChecked'>;

/** What the check found at a store call: whether the handler and the helper it calls check the size and the type. */
type Found = ReadonlyMap<string, { handoff: boolean; sizeChecked: boolean; typeChecked: boolean }>;

const position = (node: Node) => `${node.loc!.start.line}:${node.loc!.start.column + 1}`;

function planFile(project: Project, source: string, file: string, found: Found, allowed: string[], maxBytes: number) {
  const ast = parseSource(file, source);
  const program: Program = ast.program;
  const edits = new TextEdits(source, file);
  const handlers = requestHandlers(file, ast, project);
  const handedOn = fileHandoffs(program, handlers).flatMap((handoff): StoreSite[] => {
    const at = found.get(position(handoff.call));
    return at?.handoff ? [{ ...handoff, sizeChecked: at.sizeChecked, typeChecked: at.typeChecked }] : [];
  });
  const stores: StoreSite[] = [...uploadStores(program, handlers).filter((store) => found.has(position(store.call))), ...handedOn];
  const imported = importsOf(program);
  const constants = new Set<string>();
  const done = new Set<Node>();
  for (const store of stores) {
    const statementStart = enclosingStatementStart(store);
    if (!store.file) {
      edits.todoAbove(statementStart, store.handler.kind === 'pages-api' ? MULTIPART_TODO : NOWHERE_TODO);
      continue;
    }
    if (done.has(store.file.binding)) continue;
    const site = checkSite(store);
    if (!site) {
      edits.todoAbove(statementStart, NOWHERE_TODO);
      continue;
    }
    done.add(store.file.binding);
    const names: HandlerNames = {
      response: store.handler.response,
      nextResponse: imported.has('NextResponse'),
      returnsErrors: store.handler.kind === 'server-action' && returnsErrors(store.handler),
    };
    const name = store.file.name;
    const reject = (condition: string, status: number, message: string) =>
      rejectLines(store.handler.kind, condition, names, status, message);
    const lines = [
      ...(store.file.typed || (store.file.nullable && site.guarded) ? [] : reject(`!(${name} instanceof File)`, 400, 'No file uploaded')),
      ...(store.sizeChecked ? [] : reject(`${name}.size > MAX_UPLOAD_BYTES`, 413, 'File too large')),
      ...(store.typeChecked ? [] : reject(`!ALLOWED_UPLOAD_TYPES.includes(${name}.type)`, 415, 'Unsupported file type')),
    ];
    if (!store.sizeChecked) constants.add('MAX_UPLOAD_BYTES');
    if (!store.typeChecked) constants.add('ALLOWED_UPLOAD_TYPES');
    const indent = edits.indentAt(site.indentFrom);
    const unit = indent.includes('\t') ? '\t' : '  ';
    const text = lines.map((line) => `${indent}${line.replace(/^ {2}/, unit)}`).join('\n');
    if (site.before) edits.insert(site.at, `${text.trimStart()}\n${indent}`);
    else edits.insert(site.at, `\n${text}`);
  }
  const declarations = [
    constants.has('MAX_UPLOAD_BYTES') && !/\bMAX_UPLOAD_BYTES\b/.test(source) ? `const MAX_UPLOAD_BYTES = ${bytesText(maxBytes)};` : null,
    constants.has('ALLOWED_UPLOAD_TYPES') && !/\bALLOWED_UPLOAD_TYPES\b/.test(source)
      ? `const ALLOWED_UPLOAD_TYPES = [${allowed.map((type) => `'${type}'`).join(', ')}];`
      : null,
  ].filter((line): line is string => line !== null);
  if (declarations.length > 0) insertImportLines(edits, program, ['', ...declarations]);
  return edits.changed ? edits.apply() : null;
}

/** The start of the statement holding the store call, where a TODO goes. */
function enclosingStatementStart(store: StoreSite): number {
  let start = store.call.start!;
  forEachNode(store.handler.fn.body, (node, ancestors) => {
    if (node === store.call) start = statementInList([...ancestors, node])?.start ?? start;
  });
  return start;
}

export function plan({ project, findings, changeset, options }: ProjectTransformContext): void {
  const answered = String(options.allowedTypes ?? '').trim();
  const byFile = new Map<
    string,
    { found: Map<string, { handoff: boolean; sizeChecked: boolean; typeChecked: boolean }>; accepts: string[] }
  >();
  for (const finding of findings) {
    if (finding.ruleId !== CHECK_ID) continue;
    const entry = byFile.get(finding.file) ?? { found: new Map(), accepts: [] as string[] };
    const data = finding.data ?? {};
    entry.found.set(`${finding.line}:${finding.column}`, {
      handoff: data.handoff === true,
      sizeChecked: data.sizeChecked === true,
      typeChecked: data.typeChecked === true,
    });
    if (typeof data.accept === 'string') entry.accepts.push(data.accept);
    byFile.set(finding.file, entry);
  }
  const maxBytes = Number(options.maxBytes ?? 5 * 1024 * 1024);
  for (const [file, { found, accepts }] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const source = changeset.read(file);
    if (source === null) continue;
    const fromForms = [...new Set(accepts.flatMap((accept) => acceptedTypes(accept) ?? []))];
    const allowed = answered
      ? (acceptedTypes(answered) ?? FALLBACK_UPLOAD_TYPES)
      : fromForms.length > 0
        ? fromForms
        : FALLBACK_UPLOAD_TYPES;
    const fixed = planFile(project, source, file, found, allowed, maxBytes);
    if (fixed !== null) changeset.write(file, fixed);
  }
}
