import { type Constraint, type ConstraintKind, type SchemaModel, type SourceLoc } from '../model.ts';
import { type PgNode } from './statements.ts';

export const names = (list: PgNode[] | undefined): string[] =>
  (list ?? []).map((n) => n.String?.sval ?? '').filter((s: string) => s !== '');

export function typeText(typeName: PgNode): string {
  const parts = names(typeName?.names).filter((n) => n !== 'pg_catalog');
  let type = parts.join('.');
  const aliases: Record<string, string> = {
    int4: 'integer',
    int8: 'bigint',
    int2: 'smallint',
    bool: 'boolean',
    float8: 'double precision',
    float4: 'real',
    timestamptz: 'timestamp with time zone',
    timestamp: 'timestamp without time zone',
    varchar: 'character varying',
    bpchar: 'character',
  };
  type = aliases[type] ?? type;
  const mods = (typeName?.typmods ?? [])
    .map((m: PgNode) => m.A_Const?.ival?.ival ?? m.A_Const?.ival ?? '')
    .filter((m: unknown) => m !== '' && typeof m !== 'object');
  if (mods.length > 0) type += `(${mods.join(',')})`;
  if (typeName?.arrayBounds) type += '[]';
  return type;
}

/** A short rendering of simple expressions (defaults, checks); anything richer reads `(expression)`. */
export function exprText(node: PgNode): string {
  if (!node) return '';
  if (node.A_Const) {
    const c = node.A_Const;
    if (c.isnull) return 'null';
    if (c.sval) return `'${String(c.sval.sval ?? '').replace(/'/g, "''")}'`;
    if (c.ival) return String(c.ival.ival ?? 0);
    if (c.fval) return String(c.fval.fval);
    if (c.boolval) return String(c.boolval.boolval === true);
    return '0';
  }
  if (node.FuncCall)
    return `${names(node.FuncCall.funcname).join('.')}(${(node.FuncCall.args ?? []).map((a: PgNode) => exprText(a)).join(', ')})`;
  if (node.TypeCast) return `${exprText(node.TypeCast.arg)}::${typeText(node.TypeCast.typeName)}`;
  if (node.ColumnRef) return names(node.ColumnRef.fields).join('.');
  if (node.SQLValueFunction)
    return String(node.SQLValueFunction.op ?? '')
      .replace(/^SVFOP_/, '')
      .toLowerCase();
  return '(expression)';
}
export const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  CONSTR_PRIMARY: 'primary',
  CONSTR_UNIQUE: 'unique',
  CONSTR_FOREIGN: 'foreign',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'exclusion',
};

export const FK_ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/** A table constraint from its parse tree; a primary or unique key takes over the index it is built on. */
export function constraintFrom(c: PgNode, columnsIfInline: string[] | null, loc: SourceLoc, schema: SchemaModel): Constraint | null {
  const kind = CONSTRAINT_KINDS[c.contype];
  if (!kind) return null;
  const columns =
    columnsIfInline ??
    (kind === 'foreign'
      ? names(c.fk_attrs)
      : kind === 'exclusion'
        ? (c.exclusions ?? []).map((e: PgNode) => e.List?.items?.[0]?.IndexElem?.name ?? '(expression)')
        : names(c.keys));
  const constraint: Constraint = {
    name: c.conname ?? null,
    kind,
    columns,
    notValid: Boolean(c.skip_validation),
    loc,
  };
  if (kind === 'foreign') {
    constraint.references = {
      schema: c.pktable?.schemaname ?? 'public',
      table: c.pktable?.relname ?? '',
      columns: names(c.pk_attrs),
      onDelete: FK_ACTIONS[c.fk_del_action] ?? null,
    };
  }
  if (kind === 'check') constraint.expression = exprText(c.raw_expr);
  if (kind === 'primary' || kind === 'unique') {
    if (c.indexname) {
      const index = schema.indexes.find((i) => i.name === c.indexname);
      if (index) {
        constraint.columns = index.columns;
        schema.indexes.splice(schema.indexes.indexOf(index), 1);
      }
    }
  }
  return constraint;
}
/** `SECURITY DEFINER` and `SET search_path` among a function's options. */
export function functionSettings(options: PgNode[] | undefined): { securityDefiner?: boolean; searchPath?: string | null } {
  const settings: { securityDefiner?: boolean; searchPath?: string | null } = {};
  for (const option of options ?? []) {
    const def = option.DefElem;
    if (def?.defname === 'security') settings.securityDefiner = def.arg?.Boolean?.boolval === true;
    if (def?.defname === 'set' && def.arg?.VariableSetStmt?.name === 'search_path') {
      const set = def.arg.VariableSetStmt;
      settings.searchPath =
        set.kind === 'VAR_RESET' ? null : (set.args ?? []).map((a: PgNode) => a.A_Const?.sval?.sval ?? a.String?.sval ?? '').join(', ');
    }
  }
  return settings;
}
