import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { SqlFragment, commentText, ident, joinSql, literal, quoteIdentifier } from '../sql/names.ts';
import { packageRoot } from './package-root.ts';

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function templateSource(name: string): string {
  return readFileSync(path.join(packageRoot(), 'templates', `${name}.hbs`), 'utf8');
}

/** Renders `templates/<name>.hbs` as code: every generated file comes from a template of its own. */
export function renderTemplate(name: string, data: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    template = Handlebars.compile(templateSource(name), { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(data);
}

/**
 * What `{{value}}` prints in a SQL template: a fragment built by the quoting functions, as it is.
 * Anything else (a bare string, a number) is refused rather than printed raw.
 */
function escapeSql(value: unknown): string {
  if (value instanceof SqlFragment) return value.text;
  throw new Error(`a SQL template printed unquoted text (${JSON.stringify(String(value)).slice(0, 80)}): use ident, literal or comment`);
}

type Args = unknown[];
const positional = (values: Args) => values.slice(0, -1);
const sqlHandlebars = Handlebars.create();
sqlHandlebars.registerHelper({
  sqlEscape: (value: unknown) => escapeSql(value),
  ident: (...values: Args) => ident(...positional(values).map((v) => (v instanceof SqlFragment ? v.text : (v as string)))),
  identList: (list: unknown) =>
    joinSql(
      (list as string[]).map((name) => new SqlFragment(quoteIdentifier(name))),
      ', ',
    ),
  literal: (value: unknown) => literal(value instanceof SqlFragment ? value.text : (value as string)),
  /** Inline, `{{comment text}}`; as a block, the rendered block made safe to sit in a `--` comment. */
  comment(this: unknown, ...values: Args) {
    const options = values.at(-1) as Handlebars.HelperOptions;
    const text = values.length > 1 ? String(values[0]) : options.fn(this);
    return new SqlFragment(commentText(text));
  },
  eq: (a: unknown, b: unknown) => a === b,
  and: (a: unknown, b: unknown) => Boolean(a) && Boolean(b),
});

interface CompilerPrototype {
  appendEscaped(this: {
    pushSource(s: unknown): void;
    appendToBuffer(parts: unknown[]): unknown;
    aliasable(name: string): unknown;
    popStack(): unknown;
  }): void;
  compiler: unknown;
}
type CompilerClass = { prototype: CompilerPrototype };
const BaseCompiler = (sqlHandlebars as unknown as { JavaScriptCompiler: new () => object }).JavaScriptCompiler;
// Handlebars' own escape is for HTML: this environment sends every `{{value}}` through escapeSql.
class SqlCompiler extends BaseCompiler {}
(SqlCompiler as unknown as CompilerClass).prototype.compiler = SqlCompiler;
(SqlCompiler as unknown as CompilerClass).prototype.appendEscaped = function appendEscaped() {
  this.pushSource(this.appendToBuffer([this.aliasable('helpers.sqlEscape'), '(', this.popStack(), ', {})']));
};
(sqlHandlebars as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler = SqlCompiler;

/** `{{{raw}}}` would print around the escape: a SQL template may not use it. */
function refuseRawMustaches(name: string, node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string; escaped?: boolean; loc?: { start: { line: number } } };
  if (n.type === 'MustacheStatement' && n.escaped === false)
    throw new Error(`templates/${name}.hbs:${n.loc?.start.line ?? 1}: a SQL template cannot print unescaped text ({{{…}}})`);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => refuseRawMustaches(name, child));
    else if (value && typeof value === 'object') refuseRawMustaches(name, value);
  }
}

/**
 * Renders `templates/<name>.hbs` as SQL: `{{value}}` prints only fragments from the quoting
 * helpers (ident, identList, literal, comment) and refuses everything else.
 */
export function renderSqlTemplate(name: string, data: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    const source = templateSource(name);
    refuseRawMustaches(name, sqlHandlebars.parse(source));
    template = sqlHandlebars.compile(source, { strict: true });
    compiled.set(name, template);
  }
  return template(data);
}
