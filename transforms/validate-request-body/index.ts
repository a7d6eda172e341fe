import type { Node, Program } from '@babel/types';
import { declareDependency } from '../add-missing-dependencies.ts';
import { TextEdits, insertImportLines } from '../../src/engine/codemod.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { sourceStyle } from '../../src/engine/print-style.ts';
import { forEachNode } from '../../src/engine/walk.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { requestHandlers, type RequestHandler } from '../../src/analysis/request-handlers.ts';
import { sessionUser } from '../../src/analysis/auth/session-user.ts';
import { rowWrites, schemaCheckedNames, unwrap, wholeBodyIn, wholeBodyNames, writtenTable } from '../../src/analysis/request-body.ts';
import { loadSchemas, schemaForFile } from '../../src/sql/load-schema.ts';
import type { SchemaModel } from '../../src/sql/model.ts';
import { ownerColumn } from '../../src/sql/ownership.ts';
import { packageFor } from '../../src/project/packages.ts';
import type { Project } from '../../src/project/types.ts';
import { inputFields, prismaEnums, schemaDeclaration } from './zod-schema.ts';
import { statementInList } from '../../src/engine/ast.ts';
export { meta } from '../meta/validate-request-body.ts';

const NESTED_TODO = 'parse this request body with a schema of the fields a user may set before writing it';

const pascal = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const crossesFunction = (ancestors: readonly Node[]) =>
  ancestors.some(
    (node) => node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration',
  );

/** What the handler answers a body that does not fit, in its router's idiom. */
function rejection(handler: RequestHandler, input: string, program: Program): string | null {
  if (handler.kind === 'server-action') return `throw new Error('Invalid input');`;
  if (handler.kind === 'pages-api')
    return handler.response ? `return ${handler.response}.status(400).json({ error: ${input}.error.issues });` : null;
  const importsNextResponse = program.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' &&
      statement.specifiers.some((specifier) => specifier.local.name === 'NextResponse' && specifier.type === 'ImportSpecifier'),
  );
  return `return ${importsNextResponse ? 'NextResponse' : 'Response'}.json({ error: ${input}.error.issues }, { status: 400 });`;
}

function enumsFor(project: Project, changeset: Changeset, schema: SchemaModel): Map<string, string[]> {
  const prismaSchema = project.packages.find((p) => p.dir === schema.packageDir)?.prismaSchema;
  const text = prismaSchema ? changeset.read(prismaSchema) : null;
  return text ? prismaEnums(text) : new Map();
}

function planFile(project: Project, changeset: Changeset, file: string, at: ReadonlySet<string>): boolean {
  const source = changeset.read(file);
  const schema = source === null ? undefined : schemaForFile(loadSchemas(project), file);
  if (source === null || !schema) return false;
  const ast = parseSource(file, source);
  const program = ast.program;
  const edits = new TextEdits(source, file);
  const enums = enumsFor(project, changeset, schema);
  const declarations = new Map<string, string>();
  const taken = (name: string) => new RegExp(`\\b${name}\\b`).test(source);
  for (const handler of requestHandlers(file, ast, project)) {
    const whole = wholeBodyNames(handler);
    const checked = schemaCheckedNames(handler);
    const handlerText = source.slice(handler.fn.start!, handler.fn.end!);
    const locals = new Set<string>();
    forEachNode(handler.fn.body, (node, ancestors) => {
      if (node.type !== 'CallExpression') return;
      const writes = rowWrites(node).flatMap((write) => {
        const body = wholeBodyIn(write.value, handler, whole);
        const value = body && unwrap(body);
        if (!body || !value || (value.type === 'Identifier' && checked.has(value.name))) return [];
        return at.has(`${body.loc!.start.line}:${body.loc!.start.column + 1}`) ? [{ write, body }] : [];
      });
      const first = writes[0];
      const table = first && writtenTable(schema, first.write);
      if (!first || !table) return;
      const statement = statementInList([...ancestors, node]);
      if (!statement || crossesFunction(ancestors.slice(1))) {
        if (statement) edits.todoAbove(statement.start!, NESTED_TODO);
        return;
      }
      const model = pascal(table.model ?? table.name);
      let schemaName = `${model}Input`;
      if (!declarations.has(schemaName) && taken(schemaName)) schemaName = `${model}RequestBody`;
      let local = `${model.charAt(0).toLowerCase()}${model.slice(1)}Input`;
      for (let n = 2; locals.has(local) || new RegExp(`\\b${local}\\b`).test(handlerText); n++) local = `${local.replace(/\d+$/, '')}${n}`;
      const reject = rejection(handler, local, program);
      if (!reject) return;
      locals.add(local);
      declarations.set(
        schemaName,
        schemaDeclaration(schemaName, inputFields(schema, table, enums), sourceStyle(source).tabs ? '\t' : '  '),
      );
      // An update sets some columns; a create or an upsert needs the row's required ones.
      const partial = /\.update(Many)?$/.test(first.write.label) ? '.partial()' : '';
      const indent = edits.indentAt(statement.start!);
      const bodyText = source.slice(first.body.start!, first.body.end!);
      edits.insert(
        edits.lineStart(statement.start!),
        `${indent}const ${local} = ${schemaName}${partial}.safeParse(${bodyText});\n${indent}if (!${local}.success) ${reject}\n`,
      );
      const owner = ownerColumn(schema, table);
      const ownerField =
        owner && !partial ? (Object.entries(table.fields ?? {}).find(([, column]) => column === owner)?.[0] ?? owner) : null;
      const signedIn = ownerField ? sessionUser(handler.fn, program, statement) : null;
      if (ownerField && !signedIn)
        edits.todoAbove(
          statement.start!,
          `set ${ownerField} from the signed-in user; the schema leaves it out so callers cannot choose it`,
        );
      const parsed = signedIn && ownerField ? `{ ...${local}.data, ${ownerField}: ${signedIn.idExpression} }` : `${local}.data`;
      for (const { body } of writes) edits.replace(body.start!, body.end!, parsed);
    });
  }
  if (declarations.size === 0) {
    if (edits.changed) changeset.write(file, edits.apply());
    return false;
  }
  const importsZod = program.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' && statement.source.value === 'zod' && statement.specifiers.some((s) => s.local.name === 'z'),
  );
  if (!importsZod) insertImportLines(edits, program, ["import { z } from 'zod';"]);
  insertImportLines(edits, program, ['', ...[...declarations.values()].join('\n\n').split('\n')]);
  changeset.write(file, edits.apply());
  return true;
}

export function plan({ project, findings, changeset }: ProjectTransformContext): void {
  const byFile = new Map<string, Set<string>>();
  for (const finding of findings) {
    if (finding.ruleId !== 'mass-assignment' || finding.messageId === 'sqlFromKeys') continue;
    const at = byFile.get(finding.file) ?? new Set<string>();
    at.add(`${finding.line}:${finding.column}`);
    byFile.set(finding.file, at);
  }
  const packages = new Set<string>();
  for (const [file, at] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    if (!planFile(project, changeset, file, at)) continue;
    const pkg = packageFor(project.packages, file);
    if (pkg && !packages.has(pkg.dir)) {
      packages.add(pkg.dir);
      declareDependency(project, changeset, pkg, 'zod', '3.24.1', 'which the request-body schemas import');
    }
  }
}
