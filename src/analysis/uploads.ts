import type { CallExpression, Expression, Node, Program } from '@babel/types';
import { forEachNode } from '../engine/walk.ts';
import { isPropertyAfterDot, memberName, propertyName } from '../engine/ast.ts';
import { boundNames, type RequestHandler } from './request-handlers.ts';
import { callerInput, type CallerInput } from './request-input.ts';
import { calledExport, importedBindings, moduleConstants, objectLiteral, staticString, type ImportedBinding } from './imported-bindings.ts';
import { chainText, unwrap } from './auth/syntax.ts';

/** Text of every store call the check recognises: the check and the fix parse no other server module. */
export const STORE_CALL_TEXT = ['.upload(', 'PutObjectCommand', 'putObject(', '@vercel/blob', 'writeFile', 'createWriteStream'];

/** The store calls, a browser form's own checks, the paths forms post to, and handlers that read a form (to hand a file on). */
export const UPLOAD_TEXT = [...STORE_CALL_TEXT, 'accept=', '.size', '/api/', 'formData'];

export type StoreKind = 'Supabase Storage' | 'S3' | 'Vercel Blob' | 'the file system';

/** A File the caller sent, bound to a local name in the handler. */
export interface UploadedFile {
  name: string;
  /** Where the name is bound: its declaration statement, its `for…of` loop, or the handler's parameter. */
  binding: Node;
  /** The code already says it holds a File (`as File`, a `File` parameter, an `instanceof File` test), so `.size` type-checks. */
  typed: boolean;
  /** Declared `as File | null`: a File after the code's own `if (!file)` test. */
  nullable?: boolean;
}

export interface UploadStore {
  handler: RequestHandler;
  /** The call (or `new PutObjectCommand`) that writes the file. */
  call: Node;
  kind: StoreKind;
  /** What the report calls it: `storage.from(…).upload`, `PutObjectCommand`, `put`, `fs.writeFile`. */
  label: string;
  /** The uploaded file it stores; null when a multipart library parsed the request (formidable, multer) or it is read inline. */
  file: UploadedFile | null;
  sizeChecked: boolean;
  typeChecked: boolean;
}

const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
const FS_WRITES = new Set(['writeFile', 'writeFileSync', 'createWriteStream']);
/** Members of a File that describe it without carrying its bytes: reading them does not make a value the upload. */
const DESCRIPTIVE_MEMBERS = new Set(['name', 'type', 'size', 'lastModified']);
/** Names real code gives an uploaded file or the argument of a schema refinement on one. */
const FILE_LIKE =
  /^(?:f|v|val|value|blob|media|img|doc|pdf|cv|resume|logo|avatar|photo|picture|thumbnail|cover|banner)$|file|image|upload|attachment|document/i;
const MULTIPART_LIBRARIES = /^(?:formidable|multer|busboy|multiparty|next-connect-multer)$/;
/** Options of multipart parsers that bound a file's size (formidable `maxFileSize`, multer `limits.fileSize`) or its type. */
const SIZE_OPTIONS = new Set(['maxFileSize', 'fileSize', 'maxTotalFileSize']);
const TYPE_OPTIONS = new Set(['fileFilter', 'filter']);
const MAGIC_BYTES_PACKAGES = /^(?:file-type|magic-bytes\.js|mmmagic|file-type-checker)$/;
const VALIDATOR = /valid|check|verify|assert|ensure|inspect|scan/i;
const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['===', '!==', '==', '!=']);
const TYPE_TESTS = new Set(['startsWith', 'endsWith', 'includes', 'has', 'match', 'test', 'indexOf', 'some', 'find']);

function storeCall(
  node: Node,
  bindings: ReadonlyMap<string, ImportedBinding>,
  constants: ReadonlyMap<string, Expression>,
): { kind: StoreKind; label: string; body: Node | null; stream: boolean } | null {
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier') {
    const binding = bindings.get(node.callee.name);
    const sdk = binding?.source.startsWith('@aws-sdk/') ? binding.imported : null;
    const options = objectLiteral(node.arguments[0], constants);
    if (sdk === 'PutObjectCommand' && options)
      return { kind: 'S3', label: 'PutObjectCommand', body: optionValue(options, 'Body'), stream: false };
    const params = sdk === 'Upload' && options ? optionValue(options, 'params') : null;
    if (params?.type === 'ObjectExpression') return { kind: 'S3', label: 'Upload', body: optionValue(params, 'Body'), stream: false };
    return null;
  }
  if (node.type !== 'CallExpression') return null;
  const callee = node.callee;
  const method = memberName(callee);
  if (method === 'upload' && callee.type === 'MemberExpression') {
    const from = unwrap(callee.object);
    if (
      from?.type === 'CallExpression' &&
      memberName(from.callee) === 'from' &&
      /\bstorage$/.test(chainText((from.callee as { object: Node }).object) ?? '')
    )
      return { kind: 'Supabase Storage', label: 'storage.from(…).upload', body: node.arguments[1] ?? null, stream: false };
  }
  const params = method === 'upload' || method === 'putObject' ? objectLiteral(node.arguments[0], constants) : null;
  if (params) {
    const body = optionValue(params, 'Body');
    if (body) return { kind: 'S3', label: `s3.${method}`, body, stream: false };
  }
  if (calledExport(callee, bindings, '@vercel/blob') === 'put')
    return { kind: 'Vercel Blob', label: 'put', body: node.arguments[1] ?? null, stream: false };
  const write = fsWrite(callee, bindings);
  if (write)
    return { kind: 'the file system', label: `fs.${write}`, body: node.arguments[1] ?? null, stream: write === 'createWriteStream' };
  return null;
}

/** `fs.writeFile`, `fs.promises.writeFile`, `writeFile` from `fs/promises`, `createWriteStream`. */
function fsWrite(callee: Node, bindings: ReadonlyMap<string, ImportedBinding>): string | null {
  const chain = chainText(callee);
  const parts = chain?.split('.') ?? [];
  const last = parts.at(-1);
  if (!last || !FS_WRITES.has(last)) return null;
  const binding = bindings.get(parts[0]!);
  return binding && FS_MODULES.has(binding.source) ? last : null;
}

function optionValue(object: Node, key: string): Node | null {
  if (object.type !== 'ObjectExpression') return null;
  for (const property of object.properties) {
    if (property.type === 'ObjectProperty' && propertyName(property) === key) return property.value;
  }
  return null;
}

/** Whether an identifier is read as a value here, not as a member's or a property's key. */
function isReference(node: Node, parent: Node | undefined): boolean {
  if (isPropertyAfterDot(node, parent)) return false;
  return !(parent?.type === 'ObjectProperty' && parent.key === node && !parent.shorthand);
}

/** The uploaded file whose bytes an expression carries, through the names derived from it; null when it carries none. */
function carriedFile(expression: Node, derived: ReadonlyMap<string, UploadedFile>): UploadedFile | null {
  let found: UploadedFile | null = null;
  forEachNode(expression, (node, ancestors) => {
    if (found || node.type !== 'Identifier') return;
    const parent = ancestors.at(-1);
    if (!isReference(node, parent)) return;
    const descriptive =
      parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === node;
    if (descriptive && DESCRIPTIVE_MEMBERS.has(memberName(parent) ?? '')) return;
    found = derived.get(node.name) ?? null;
  });
  return found;
}

const isFormRead = (node: Node | null, input: CallerInput): boolean =>
  node?.type === 'CallExpression' &&
  (memberName(node.callee) === 'get' || memberName(node.callee) === 'getAll') &&
  ['form', 'argument'].includes(input.sourceOf((node.callee as { object: Node }).object) ?? '');

const FILE_TYPE = (node: Node): boolean =>
  node.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && /^(?:File|Blob)$/.test(node.typeName.name);

const castToFile = (node: Node | null | undefined): boolean =>
  (node?.type === 'TSAsExpression' || node?.type === 'TSTypeAssertion') && FILE_TYPE(node.typeAnnotation);

/** `as File | null`: a File once a test has ruled out null. */
const castToNullableFile = (node: Node | null | undefined): boolean =>
  (node?.type === 'TSAsExpression' || node?.type === 'TSTypeAssertion') &&
  node.typeAnnotation.type === 'TSUnionType' &&
  node.typeAnnotation.types.some(FILE_TYPE) &&
  node.typeAnnotation.types.every((type) => FILE_TYPE(type) || type.type === 'TSNullKeyword' || type.type === 'TSUndefinedKeyword');

const castToString = (node: Node | null | undefined): boolean =>
  (node?.type === 'TSAsExpression' || node?.type === 'TSTypeAssertion') && node.typeAnnotation.type === 'TSStringKeyword';

function annotatedAsFile(node: Node): boolean {
  const annotation = (node as { typeAnnotation?: { typeAnnotation?: Node } }).typeAnnotation?.typeAnnotation;
  return annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === 'File';
}

/**
 * The files a handler reads from its request (`formData.get('file')`, each of `formData.getAll('files')`, a server
 * action's `File` parameter), and every local name holding their bytes (`await file.arrayBuffer()`, `Buffer.from(bytes)`), by name.
 */
export function uploadedFiles(handler: RequestHandler): ReadonlyMap<string, UploadedFile> {
  let files = filesOfHandler.get(handler.fn);
  if (!files) filesOfHandler.set(handler.fn, (files = tracedFiles(handler)));
  return files;
}

/** Store calls and hand-offs both ask for a handler's files: traced once per function. */
const filesOfHandler = new WeakMap<Node, ReadonlyMap<string, UploadedFile>>();

function tracedFiles(handler: RequestHandler): Map<string, UploadedFile> {
  const input = callerInput(handler);
  const derived = new Map<string, UploadedFile>();
  const lists = new Set<string>();
  if (handler.kind === 'server-action') {
    for (const param of handler.fn.params) {
      if (param.type === 'Identifier' && annotatedAsFile(param))
        derived.set(param.name, { name: param.name, binding: handler.fn, typed: true });
    }
  }
  const instanceChecked = new Set<string>();
  forEachNode(handler.fn.body, (node) => {
    if (node.type !== 'BinaryExpression') return;
    const { left, right } = node;
    if (node.operator === 'instanceof' && left.type === 'Identifier' && right.type === 'Identifier' && /^(?:File|Blob)$/.test(right.name))
      instanceChecked.add(left.name);
    // `typeof file === 'string'` leaves only a File for what follows it.
    const typeofName =
      left.type === 'UnaryExpression' && left.operator === 'typeof' && left.argument.type === 'Identifier' ? left.argument.name : null;
    if (typeofName && EQUALITY.has(node.operator) && right.type === 'StringLiteral' && right.value === 'string')
      instanceChecked.add(typeofName);
  });
  for (let pass = 0; pass < 2; pass++) {
    forEachNode(handler.fn.body, (node, ancestors) => {
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && !derived.has(node.id.name)) {
        const name = node.id.name;
        const read = unwrap(node.init);
        const statement = ancestors.at(-1) ?? node;
        if (isFormRead(read, input) && !castToString(node.init)) {
          if (memberName((read as { callee: Node }).callee) === 'getAll') lists.add(name);
          else
            derived.set(name, {
              name,
              binding: statement,
              typed: castToFile(node.init) || annotatedAsFile(node.id) || instanceChecked.has(name),
              nullable: castToNullableFile(node.init),
            });
          return;
        }
        if (node.init.type === 'ArrowFunctionExpression' || node.init.type === 'FunctionExpression') return;
        const carried = carriedFile(node.init, derived);
        if (carried) derived.set(name, carried);
      } else if (node.type === 'ForOfStatement' && node.left.type === 'VariableDeclaration') {
        const list = unwrap(node.right);
        if (!(list?.type === 'Identifier' && lists.has(list.name)) && !isFormRead(list, input)) return;
        for (const name of boundNames(node.left.declarations[0]?.id))
          if (!derived.has(name)) derived.set(name, { name, binding: node, typed: instanceChecked.has(name) });
      } else if (node.type === 'CallExpression' && ['map', 'forEach'].includes(memberName(node.callee) ?? '')) {
        const list = unwrap((node.callee as { object: Node }).object);
        const callback = node.arguments[0];
        if (!(list?.type === 'Identifier' && lists.has(list.name)) || !callback || !('params' in callback)) return;
        const first = callback.params[0];
        if (first?.type === 'Identifier' && !derived.has(first.name))
          derived.set(first.name, { name: first.name, binding: callback, typed: false });
      }
    });
  }
  return derived;
}

/** Whether a `.size` (`.byteLength`, or a buffer's `.length`) is compared with a bound somewhere in the module. */
function checksSize(program: Program, derived: ReadonlyMap<string, UploadedFile>): boolean {
  let found = false;
  forEachNode(program, (node) => {
    if (found) return;
    if (node.type === 'BinaryExpression' && RELATIONAL.has(node.operator)) {
      found = [node.left, node.right].some((side) => {
        const member = unwrap(side);
        const property = member ? memberName(member) : null;
        if (property === 'size' || property === 'byteLength') return true;
        const object = member && property === 'length' ? unwrap((member as { object: Node }).object) : null;
        return object?.type === 'Identifier' && derived.has(object.name);
      });
    } else if (node.type === 'ObjectProperty' && SIZE_OPTIONS.has(propertyName(node) ?? '')) {
      found = true;
    } else if (node.type === 'CallExpression' && ['max', 'maxSize'].includes(memberName(node.callee) ?? '')) {
      // zod 4's `z.file().max(bytes)`.
      found = /\bz\.file\(\)/.test(chainText(node.callee) ?? '');
    }
  });
  return found;
}

/** A file's `type` (or a parser's `mimetype`), read off a name that holds an upload or the argument of a refinement. */
function isTypeRead(node: Node, derived: ReadonlyMap<string, UploadedFile>, refineParams: ReadonlySet<string>): boolean {
  const member = unwrap(node);
  const property = member ? memberName(member) : null;
  if (!property || !['type', 'mimetype', 'mimeType'].includes(property)) return false;
  const object = unwrap((member as { object: Node }).object);
  const root = object?.type === 'MemberExpression' ? unwrap(object.object) : object;
  if (root?.type !== 'Identifier') return false;
  return derived.has(root.name) || refineParams.has(root.name) || FILE_LIKE.test(root.name);
}

/** Whether the module tests an upload's type: `file.type` compared or looked up, a magic-bytes check, a parser's `fileFilter`, zod's `.mime()`. */
function checksType(program: Program, derived: ReadonlyMap<string, UploadedFile>, bindings: ReadonlyMap<string, ImportedBinding>): boolean {
  if ([...bindings.values()].some((binding) => MAGIC_BYTES_PACKAGES.test(binding.source))) return true;
  const multipart = [...bindings.values()].some((binding) => MULTIPART_LIBRARIES.test(binding.source));
  const refineParams = new Set<string>();
  forEachNode(program, (node) => {
    if (node.type !== 'CallExpression' || !['refine', 'superRefine'].includes(memberName(node.callee) ?? '')) return;
    const callback = node.arguments[0];
    if (callback && 'params' in callback && callback.params[0]?.type === 'Identifier') refineParams.add(callback.params[0].name);
  });
  let found = false;
  forEachNode(program, (node, ancestors) => {
    if (found) return;
    if (node.type === 'BinaryExpression' && EQUALITY.has(node.operator)) {
      found = isTypeRead(node.left, derived, refineParams) || isTypeRead(node.right, derived, refineParams);
    } else if (node.type === 'CallExpression') {
      const method = memberName(node.callee);
      if (method === 'mime') found = true;
      else if (method && TYPE_TESTS.has(method)) {
        const object = (node.callee as { object: Node }).object;
        found = isTypeRead(object, derived, refineParams) || node.arguments.some((argument) => isTypeRead(argument, derived, refineParams));
        // An extension allow-list: `file.name.endsWith('.pdf')`, `/\.(png|jpe?g)$/.test(file.name)`.
        if (!found && ['endsWith', 'test', 'match'].includes(method)) {
          const named = [object, ...node.arguments].some((part) => {
            const member = unwrap(part);
            return !!member && memberName(member) === 'name' && FILE_LIKE.test(chainText((member as { object: Node }).object) ?? '');
          });
          found = named;
        }
      }
    } else if (node.type === 'SwitchStatement') {
      found = isTypeRead(node.discriminant, derived, refineParams);
    } else if (node.type === 'ObjectProperty' && multipart && TYPE_OPTIONS.has(propertyName(node) ?? '')) {
      found = ancestors.some((ancestor) => ancestor.type === 'CallExpression' || ancestor.type === 'NewExpression');
    }
  });
  return found;
}

/**
 * Whether the handler hands the file, or its size or type, to a function of its own that validates it
 * (`validateUpload(file)`, `checkFile({ mimeType, fileSizeBytes })`): what that function checks is out of sight, so it counts as both.
 */
function validatedByHelper(handler: RequestHandler, derived: ReadonlyMap<string, UploadedFile>): boolean {
  const described = new Set(derived.keys());
  forEachNode(handler.fn.body, (node) => {
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    const member = unwrap(node.init);
    const object =
      member && ['size', 'type', 'name'].includes(memberName(member) ?? '') ? unwrap((member as { object: Node }).object) : null;
    if (object?.type === 'Identifier' && derived.has(object.name)) for (const name of boundNames(node.id)) described.add(name);
  });
  let found = false;
  forEachNode(handler.fn.body, (node) => {
    if (found || node.type !== 'CallExpression') return;
    const callee = chainText(node.callee)?.split('.').at(-1) ?? '';
    if (!VALIDATOR.test(callee)) return;
    node.arguments.forEach((argument) =>
      forEachNode(argument, (inner) => {
        found ||= inner.type === 'Identifier' && described.has(inner.name);
      }),
    );
  });
  return found;
}

/** A route handler's own request body, stored as it came: `put(name, request.body)`, `await request.arrayBuffer()`. */
function isRawBody(node: Node, handler: RequestHandler): boolean {
  const value = unwrap(node);
  if (handler.kind !== 'route-handler' || !handler.request || !value) return false;
  const target = value.type === 'CallExpression' && ['arrayBuffer', 'blob'].includes(memberName(value.callee) ?? '') ? value.callee : value;
  const object = memberName(target) ? unwrap((target as { object: Node }).object) : null;
  return object?.type === 'Identifier' && object.name === handler.request && ['body', 'arrayBuffer', 'blob'].includes(memberName(target)!);
}

function readsRawBody(handler: RequestHandler): boolean {
  let found = false;
  forEachNode(handler.fn.body, (node) => {
    found ||= isRawBody(node, handler);
  });
  return found;
}

/** Every call in the module's handlers that stores a file the caller uploaded, with what the server checks of it. */
export function uploadStores(program: Program, handlers: readonly RequestHandler[]): UploadStore[] {
  const bindings = importedBindings(program);
  // UploadThing's file router declares its own limits (`maxFileSize`, the accepted types) and stores the file itself.
  if ([...bindings.values()].some((binding) => /^uploadthing(\/|$)/.test(binding.source) && binding.imported !== 'UTApi')) return [];
  const multipart = [...bindings.values()].some((binding) => MULTIPART_LIBRARIES.test(binding.source));
  const constants = moduleConstants(program);
  const stores: UploadStore[] = [];
  for (const handler of handlers) {
    const derived = uploadedFiles(handler);
    if (derived.size === 0 && !(multipart && handler.kind === 'pages-api') && !readsRawBody(handler)) continue;
    const found: Array<Omit<UploadStore, 'sizeChecked' | 'typeChecked'>> = [];
    const input = callerInput(handler);
    forEachNode(handler.fn.body, (node) => {
      const store = storeCall(node, bindings, constants);
      if (!store) return;
      let file = store.body ? carriedFile(store.body, derived) : null;
      if (!file && store.stream && derived.size > 0) file = [...derived.values()][0]!;
      const inline = store.body && (isFormRead(unwrap(store.body), input) || isRawBody(store.body, handler));
      if (!file && !inline && !(multipart && handler.kind === 'pages-api')) return;
      found.push({ handler, call: node, kind: store.kind, label: store.label, file });
    });
    if (found.length === 0) continue;
    const checks = serverChecks(program, handler, derived, bindings);
    for (const store of found) stores.push({ ...store, ...checks });
  }
  return stores;
}

function serverChecks(
  program: Program,
  handler: RequestHandler,
  derived: ReadonlyMap<string, UploadedFile>,
  bindings: ReadonlyMap<string, ImportedBinding>,
): { sizeChecked: boolean; typeChecked: boolean } {
  const helper = validatedByHelper(handler, derived);
  return {
    // A server action's body is capped by Next.js (`serverActions.bodySizeLimit`, 1 MB unless raised): its size is bounded on the server.
    sizeChecked: helper || handler.kind === 'server-action' || checksSize(program, derived),
    typeChecked: helper || checksType(program, derived, bindings),
  };
}

/** A call in a handler that hands an uploaded file to a function another module exports: `await uploadToS3(buffer, key)`. */
export interface FileHandoff {
  handler: RequestHandler;
  call: CallExpression;
  /** The import specifier and the exported name the callee comes from. */
  source: string;
  imported: string;
  argument: number;
  file: UploadedFile;
  sizeChecked: boolean;
  typeChecked: boolean;
}

export function fileHandoffs(program: Program, handlers: readonly RequestHandler[]): FileHandoff[] {
  const bindings = importedBindings(program);
  const handoffs: FileHandoff[] = [];
  for (const handler of handlers) {
    const derived = uploadedFiles(handler);
    if (derived.size === 0) continue;
    const calls: Array<Omit<FileHandoff, 'sizeChecked' | 'typeChecked'>> = [];
    forEachNode(handler.fn.body, (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
      const binding = bindings.get(node.callee.name);
      if (!binding || !/^[.@~#]/.test(binding.source) || VALIDATOR.test(node.callee.name)) return;
      node.arguments.forEach((argument, index) => {
        const file = carriedFile(argument, derived);
        if (file) calls.push({ handler, call: node, source: binding.source, imported: binding.imported, argument: index, file });
      });
    });
    if (calls.length === 0) continue;
    const checks = serverChecks(program, handler, derived, bindings);
    for (const call of calls) handoffs.push({ ...call, ...checks });
  }
  return handoffs;
}

/** An exported function that stores one of its parameters: `export async function uploadToS3(body: Buffer, key: string)`. */
export interface StoreHelper {
  name: string;
  argument: number;
  kind: StoreKind;
  label: string;
  sizeChecked: boolean;
  typeChecked: boolean;
}

export function storeHelpers(program: Program): StoreHelper[] {
  const bindings = importedBindings(program);
  const constants = moduleConstants(program);
  const helpers: StoreHelper[] = [];
  const exported = (name: string, fn: Node) => {
    if (!('params' in fn) || !('body' in fn)) return;
    const derived = new Map<string, UploadedFile>();
    const indexOf = new Map<string, number>();
    (fn.params as Node[]).forEach((param, index) => {
      for (const bound of boundNames(param)) {
        derived.set(bound, { name: bound, binding: fn, typed: false });
        indexOf.set(bound, index);
      }
    });
    for (let pass = 0; pass < 2; pass++) {
      forEachNode(fn.body as Node, (node) => {
        if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init || derived.has(node.id.name)) return;
        const carried = carriedFile(node.init, derived);
        if (carried) derived.set(node.id.name, carried);
      });
    }
    // What the module checks of the file is the same for every store call of the function: asked once.
    let checked: { sizeChecked: boolean; typeChecked: boolean } | null = null;
    forEachNode(fn.body as Node, (node) => {
      const store = storeCall(node, bindings, constants);
      const file = store?.body ? carriedFile(store.body, derived) : null;
      if (!store || !file) return;
      checked ??= { sizeChecked: checksSize(program, derived), typeChecked: checksType(program, derived, bindings) };
      helpers.push({ name, argument: indexOf.get(file.name) ?? 0, kind: store.kind, label: store.label, ...checked });
    });
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'FunctionDeclaration')
      exported('default', statement.declaration);
    if (statement.type !== 'ExportNamedDeclaration' || !statement.declaration) continue;
    const declaration = statement.declaration;
    if (declaration.type === 'FunctionDeclaration' && declaration.id) exported(declaration.id.name, declaration);
    if (declaration.type === 'VariableDeclaration')
      for (const declarator of declaration.declarations)
        if (declarator.id.type === 'Identifier' && declarator.init) exported(declarator.id.name, declarator.init);
  }
  return helpers;
}

/** The text of a JSX attribute's value, when it is a plain string: `accept="image/*"`, `accept={'image/png'}`. */
export function jsxStringValue(value: Node | null | undefined): string | null {
  if (!value) return null;
  if (value.type === 'JSXExpressionContainer') return staticString(value.expression);
  return staticString(value);
}
