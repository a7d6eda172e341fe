import { loadModule, parseSync, scanSync } from 'libpg-query';
import {
  findTable,
  type Column,
  type Constraint,
  type ConstraintKind,
  type Policy,
  type PolicyCommand,
  type PolicyExpression,
  type SchemaModel,
  type SourceLoc,
  type Table,
} from './model.ts';

/** A libpg-query parse tree node: one key (the node type) over its fields; @pgsql/types is too loose to narrow usefully. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parse trees are walked by key at run time
type PgNode = any;

let loaded: Promise<void> | null = null;

/** The parser is WebAssembly: it must be loaded once before the synchronous calls work. */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** Maps the parser's byte offsets to 1-based lines. */
class LineIndex {
  private readonly starts: number[] = [0];
  readonly bytes: Buffer;
  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  slice(start: number, end: number): string {
    return this.bytes.subarray(start, end).toString('utf8');
  }
}

/** The first byte of a statement after the whitespace and comments the parser counts as part of it. */
function firstTokenOffset(bytes: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = bytes[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x2d && bytes[i + 1] === 0x2d) {
      while (i < end && bytes[i] !== 0x0a) i++;
    } else if (c === 0x2f && bytes[i + 1] === 0x2a) {
      const close = bytes.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else break;
  }
  return i;
}

export interface SqlStatement {
  node: PgNode;
  /** The statement's kind, e.g. `CreateStmt`. */
  kind: string;
  text: string;
  /** Byte offsets into the file. */
  start: number;
  end: number;
  line: number;
}

/** The table a statement creates or changes, when it names one: what a replay problem leaves uncertain. */
function statementTable(statement: SqlStatement): { schema: string; name: string } | null {
  const relation = statement.node?.relation ?? statement.node?.table;
  return relation?.relname ? { schema: relation.schemaname ?? 'public', name: relation.relname } : null;
}

/** A statement about a table or policy the migrations never created (storage.objects, say): kept, not modelled. */
class UnknownObject extends Error {}

export class SqlParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Splits and parses a SQL file; throws SqlParseError with the line of the failure. */
export function parseSqlStatements(text: string): SqlStatement[] {
  const index = new LineIndex(text);
  let result: PgNode;
  try {
    result = parseSync(text);
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    // The cursor is the offset of the bad token in characters, from 0.
    const cursor = details?.cursorPosition;
    const line = cursor ? text.slice(0, cursor).split('\n').length : 1;
    throw new SqlParseError((error as Error).message, line);
  }
  const statements: SqlStatement[] = [];
  for (const raw of result.stmts ?? []) {
    const location = raw.stmt_location ?? 0;
    const end = raw.stmt_len ? location + raw.stmt_len : index.bytes.length;
    const start = firstTokenOffset(index.bytes, location, end);
    const kind = Object.keys(raw.stmt ?? {})[0] ?? 'Unknown';
    statements.push({ node: raw.stmt[kind], kind, text: index.slice(start, end).trim(), start, end, line: index.line(start) });
  }
  return statements;
}

const names = (list: PgNode[] | undefined): string[] => (list ?? []).map((n) => n.String?.sval ?? '').filter((s: string) => s !== '');

function typeText(typeName: PgNode): string {
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
function exprText(node: PgNode): string {
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

interface Walker {
  (node: PgNode, insideSubLink: boolean): void;
}

function walkTree(node: PgNode, visit: Walker, insideSubLink = false): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walkTree(item, visit, insideSubLink);
    return;
  }
  visit(node, insideSubLink);
  for (const [key, value] of Object.entries(node)) {
    if (!value || typeof value !== 'object') continue;
    if (key === 'SubLink') {
      // `x in (select …)`: x belongs to the policy's table, the subquery to another.
      visit(value, insideSubLink);
      walkTree((value as PgNode).testexpr, visit, insideSubLink);
      walkTree((value as PgNode).subselect, visit, true);
    } else walkTree(value, visit, insideSubLink);
  }
}

const AUTH_FUNCTIONS = new Set(['auth.uid', 'auth.jwt', 'auth.role']);

function isTrueConstant(node: PgNode): boolean {
  if (node?.A_Const?.boolval?.boolval === true) return true;
  if (node?.TypeCast && node.TypeCast.arg?.A_Const?.sval?.sval === 'true') return true;
  const expr = node?.A_Expr;
  if (expr && expr.kind === 'AEXPR_OP' && names(expr.name).join('') === '=' && expr.lexpr?.A_Const && expr.rexpr?.A_Const) {
    return (
      JSON.stringify(expr.lexpr.A_Const.ival ?? expr.lexpr.A_Const.sval) ===
      JSON.stringify(expr.rexpr.A_Const.ival ?? expr.rexpr.A_Const.sval)
    );
  }
  if (node?.BoolExpr?.boolop === 'OR_EXPR') return (node.BoolExpr.args ?? []).some(isTrueConstant);
  return false;
}

export function analyseExpression(node: PgNode, text: string): PolicyExpression {
  const columns = new Set<string>();
  const unwrapped: string[] = [];
  let usesUserMetadata = false;
  walkTree(node, (n, insideSubLink) => {
    if (n.ColumnRef && !insideSubLink) {
      const fields = names(n.ColumnRef.fields);
      if (fields.length >= 1) columns.add(fields.at(-1)!);
    }
    if (n.FuncCall && !insideSubLink) {
      const name = names(n.FuncCall.funcname).join('.');
      if (AUTH_FUNCTIONS.has(name)) unwrapped.push(`${name}()`);
    }
    const literal = n.A_Const?.sval?.sval ?? n.String?.sval;
    if (typeof literal === 'string' && /^(user_metadata|raw_user_meta_data)$/.test(literal)) usesUserMetadata = true;
  });
  if (/user_metadata|raw_user_meta_data/.test(text)) usesUserMetadata = true;
  return { text, alwaysTrue: isTrueConstant(node), columns: [...columns].sort(), unwrappedAuthCalls: unwrapped, usesUserMetadata };
}

/** The source text of `USING (…)` and `WITH CHECK (…)` in a policy statement, found with the SQL scanner. */
function policyClauses(statement: string): { using: string | null; withCheck: string | null } {
  let tokens: Array<{ start: number; end: number; text: string; tokenName: string }>;
  try {
    tokens = scanSync(statement).tokens;
  } catch {
    return { using: null, withCheck: null };
  }
  const bytes = Buffer.from(statement, 'utf8');
  const clause = (at: number): string | null => {
    if (tokens[at]?.text !== '(') return null;
    let depth = 0;
    for (let i = at; i < tokens.length; i++) {
      if (tokens[i]!.text === '(') depth++;
      else if (tokens[i]!.text === ')' && --depth === 0)
        return bytes
          .subarray(tokens[at + 1]!.start, tokens[i]!.start)
          .toString('utf8')
          .trim();
    }
    return null;
  };
  let using: string | null = null;
  let withCheck: string | null = null;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.text.toLowerCase() === 'using' && using === null) using = clause(i + 1);
    else if (depth === 0 && t.text.toLowerCase() === 'with' && tokens[i + 1]?.text.toLowerCase() === 'check') withCheck = clause(i + 2);
  }
  return { using, withCheck };
}

const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  CONSTR_PRIMARY: 'primary',
  CONSTR_UNIQUE: 'unique',
  CONSTR_FOREIGN: 'foreign',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'exclusion',
};

const FK_ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/** Applies migration files to a schema model, one statement at a time, as Postgres would. */
export class SqlSchemaReader {
  private file = '';
  private index: LineIndex | null = null;
  private statement: SqlStatement | null = null;

  constructor(readonly schema: SchemaModel) {}

  /** Reads one file; a file that does not parse is recorded as a problem with its line, and the rest still counts. */
  readFile(file: string, text: string): void {
    this.schema.files.push(file);
    // An empty migration (Prisma writes one for a change with no SQL) is valid; the parser refuses it.
    if (text.trim() === '') return;
    let statements: SqlStatement[];
    try {
      statements = parseSqlStatements(text);
    } catch (error) {
      const line = error instanceof SqlParseError ? error.line : 1;
      this.schema.problems.push({ kind: 'parse', file, line, message: `${file}:${line} does not parse: ${(error as Error).message}` });
      return;
    }
    this.file = file;
    this.index = new LineIndex(text);
    for (const statement of statements) {
      this.statement = statement;
      try {
        this.apply(statement);
      } catch (error) {
        if (error instanceof UnknownObject) this.schema.unmodelled.push({ kind: statement.kind, loc: this.here() });
        else {
          const table = statementTable(statement);
          this.schema.problems.push({
            kind: 'replay',
            file,
            line: statement.line,
            message: `${file}:${statement.line} does not replay on the schema read so far: ${(error as Error).message}`,
            statement: statement.text,
            ...(table ? { table } : {}),
          });
        }
      }
    }
  }

  private here(): SourceLoc {
    return { file: this.file, line: this.statement?.line ?? 1 };
  }

  private at(offset: number | undefined): SourceLoc {
    return offset === undefined || !this.index ? this.here() : { file: this.file, line: this.index.line(offset) };
  }

  private table(relation: PgNode): Table | undefined {
    return findTable(this.schema, relation?.schemaname ?? 'public', relation?.relname ?? '');
  }

  private apply(statement: SqlStatement): void {
    const node = statement.node;
    switch (statement.kind) {
      case 'CreateStmt':
        return this.createTable(node);
      case 'AlterTableStmt':
        if (node.objtype === 'OBJECT_TABLE' || node.objtype === undefined) return this.alterTable(node);
        break;
      case 'RenameStmt':
        return this.rename(node);
      case 'DropStmt':
        return this.drop(node);
      case 'IndexStmt':
        return this.createIndex(node);
      case 'CreatePolicyStmt':
        return this.createPolicy(node);
      case 'AlterPolicyStmt':
        return this.alterPolicy(node);
      case 'GrantStmt':
        if (node.objtype === 'OBJECT_TABLE' && node.targtype === 'ACL_TARGET_OBJECT') return this.grant(node);
        break;
      case 'CreateFunctionStmt':
        return this.createFunction(node);
      case 'AlterFunctionStmt':
        return this.alterFunction(node);
      case 'TransactionStmt':
      case 'VariableSetStmt':
        return;
    }
    this.schema.unmodelled.push({ kind: statement.kind, loc: this.here() });
  }

  private columnFrom(def: PgNode, table: Table): Column {
    const column: Column = { name: def.colname, type: typeText(def.typeName), nullable: true, default: null, loc: this.at(def.location) };
    for (const wrapped of def.constraints ?? []) {
      const c = wrapped.Constraint;
      if (c.contype === 'CONSTR_NOTNULL') column.nullable = false;
      else if (c.contype === 'CONSTR_NULL') column.nullable = true;
      else if (c.contype === 'CONSTR_DEFAULT') column.default = exprText(c.raw_expr);
      else if (c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED') {
        column.default = c.contype === 'CONSTR_IDENTITY' ? 'identity' : 'generated';
        if (c.contype === 'CONSTR_IDENTITY') column.nullable = false;
      } else {
        const constraint = this.constraintFrom(c, [def.colname]);
        if (constraint) {
          if (constraint.kind === 'primary') column.nullable = false;
          table.constraints.push(constraint);
        }
      }
    }
    if (/^(big|small)?serial$|^serial[248]$/.test(column.type)) {
      column.default = 'nextval()';
      column.nullable = false;
      column.type = column.type.startsWith('big') ? 'bigint' : column.type.startsWith('small') ? 'smallint' : 'integer';
    }
    return column;
  }

  private constraintFrom(c: PgNode, columnsIfInline: string[] | null): Constraint | null {
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
      loc: this.at(c.location),
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
        const index = this.schema.indexes.find((i) => i.name === c.indexname);
        if (index) {
          constraint.columns = index.columns;
          this.schema.indexes.splice(this.schema.indexes.indexOf(index), 1);
        }
      }
    }
    return constraint;
  }

  private createTable(node: PgNode): void {
    const schemaName = node.relation?.schemaname ?? 'public';
    const name = node.relation?.relname;
    if (findTable(this.schema, schemaName, name)) {
      if (node.if_not_exists) return;
      throw new Error(`table ${schemaName}.${name} is created twice`);
    }
    const table: Table = {
      schema: schemaName,
      name,
      columns: [],
      constraints: [],
      rls: { enabled: false, forced: false, loc: null },
      policies: [],
      grants: [],
      loc: this.here(),
    };
    for (const element of node.tableElts ?? []) {
      if (element.ColumnDef) table.columns.push(this.columnFrom(element.ColumnDef, table));
      else if (element.Constraint) {
        const constraint = this.constraintFrom(element.Constraint, null);
        if (constraint) table.constraints.push(constraint);
      }
    }
    for (const constraint of table.constraints) {
      if (constraint.kind !== 'primary') continue;
      for (const column of table.columns) if (constraint.columns.includes(column.name)) column.nullable = false;
    }
    this.schema.tables.push(table);
  }

  private alterTable(node: PgNode): void {
    const table = this.table(node.relation);
    if (!table) {
      if (node.missing_ok) return;
      throw new UnknownObject(`ALTER TABLE on ${node.relation?.relname}, which no earlier statement creates`);
    }
    for (const wrapped of node.cmds ?? []) {
      const cmd = wrapped.AlterTableCmd;
      const column = cmd.name ? table.columns.find((c) => c.name === cmd.name) : undefined;
      switch (cmd.subtype) {
        case 'AT_AddColumn':
          if (table.columns.some((c) => c.name === cmd.def.ColumnDef.colname)) {
            if (cmd.missing_ok) break;
            throw new Error(`column ${cmd.def.ColumnDef.colname} already exists on ${table.name}`);
          }
          table.columns.push(this.columnFrom(cmd.def.ColumnDef, table));
          break;
        case 'AT_DropColumn':
          table.columns = table.columns.filter((c) => c.name !== cmd.name);
          table.constraints = table.constraints.filter((c) => !c.columns.includes(cmd.name));
          this.schema.indexes = this.schema.indexes.filter(
            (i) => !(i.schema === table.schema && i.table === table.name && i.columns.includes(cmd.name)),
          );
          break;
        case 'AT_AlterColumnType':
          if (column) column.type = typeText(cmd.def?.ColumnDef?.typeName);
          break;
        case 'AT_SetNotNull':
          if (column) column.nullable = false;
          break;
        case 'AT_DropNotNull':
          if (column) column.nullable = true;
          break;
        case 'AT_ColumnDefault':
          if (column) column.default = cmd.def ? exprText(cmd.def) : null;
          break;
        case 'AT_AddConstraint':
        case 'AT_AddIndexConstraint': {
          const constraint = this.constraintFrom(cmd.def.Constraint, null);
          if (!constraint) break;
          if (constraint.name && table.constraints.some((c) => c.name === constraint.name))
            throw new Error(`constraint ${constraint.name} already exists on ${table.name}`);
          constraint.loc = this.here();
          table.constraints.push(constraint);
          if (constraint.kind === 'primary') for (const c of table.columns) if (constraint.columns.includes(c.name)) c.nullable = false;
          break;
        }
        case 'AT_DropConstraint':
          table.constraints = table.constraints.filter((c) => c.name !== cmd.name);
          break;
        case 'AT_ValidateConstraint':
          for (const c of table.constraints) if (c.name === cmd.name) c.notValid = false;
          break;
        case 'AT_EnableRowSecurity':
          table.rls = { ...table.rls, enabled: true, loc: this.here() };
          break;
        case 'AT_DisableRowSecurity':
          table.rls = { ...table.rls, enabled: false, loc: this.here() };
          break;
        case 'AT_ForceRowSecurity':
          table.rls = { ...table.rls, forced: true };
          break;
        case 'AT_NoForceRowSecurity':
          table.rls = { ...table.rls, forced: false };
          break;
        default:
          this.schema.unmodelled.push({ kind: `AlterTable:${cmd.subtype}`, loc: this.here() });
      }
    }
  }

  private rename(node: PgNode): void {
    const table = this.table(node.relation);
    switch (node.renameType) {
      case 'OBJECT_TABLE': {
        if (!table) break;
        for (const index of this.schema.indexes)
          if (index.schema === table.schema && index.table === table.name) index.table = node.newname;
        for (const other of this.schema.tables) {
          for (const fk of other.constraints) {
            if (fk.references && fk.references.schema === table.schema && fk.references.table === table.name)
              fk.references.table = node.newname;
          }
        }
        table.name = node.newname;
        return;
      }
      case 'OBJECT_COLUMN': {
        if (!table) break;
        const rename = (c: string) => (c === node.subname ? node.newname : c);
        for (const column of table.columns) column.name = rename(column.name);
        for (const constraint of table.constraints) constraint.columns = constraint.columns.map(rename);
        for (const index of this.schema.indexes)
          if (index.schema === table.schema && index.table === table.name) index.columns = index.columns.map(rename);
        for (const policy of table.policies) {
          for (const expr of [policy.using, policy.withCheck]) if (expr) expr.columns = expr.columns.map(rename);
        }
        for (const other of this.schema.tables) {
          for (const fk of other.constraints) {
            if (fk.references && fk.references.schema === table.schema && fk.references.table === table.name)
              fk.references.columns = fk.references.columns.map(rename);
          }
        }
        return;
      }
      case 'OBJECT_TABCONSTRAINT':
        if (!table) break;
        for (const constraint of table.constraints) if (constraint.name === node.subname) constraint.name = node.newname;
        return;
      case 'OBJECT_INDEX': {
        const schemaName = node.relation?.schemaname ?? 'public';
        for (const index of this.schema.indexes)
          if (index.schema === schemaName && index.name === node.relation?.relname) index.name = node.newname;
        return;
      }
      case 'OBJECT_POLICY':
        if (!table) break;
        for (const policy of table.policies) if (policy.name === node.subname) policy.name = node.newname;
        return;
    }
    this.schema.unmodelled.push({ kind: `Rename:${node.renameType}`, loc: this.here() });
  }

  private drop(node: PgNode): void {
    const objects: string[][] = (node.objects ?? []).map((o: PgNode) => names(o.List?.items ?? [o]));
    switch (node.removeType) {
      case 'OBJECT_TABLE':
        for (const parts of objects) {
          const [schemaName, name] = parts.length > 1 ? [parts[0]!, parts[1]!] : ['public', parts[0]!];
          this.schema.tables = this.schema.tables.filter((t) => !(t.schema === schemaName && t.name === name));
          this.schema.indexes = this.schema.indexes.filter((i) => !(i.schema === schemaName && i.table === name));
        }
        return;
      case 'OBJECT_INDEX':
        for (const parts of objects) {
          const [schemaName, name] = parts.length > 1 ? [parts[0]!, parts[1]!] : ['public', parts[0]!];
          this.schema.indexes = this.schema.indexes.filter((i) => !(i.schema === schemaName && i.name === name));
        }
        return;
      case 'OBJECT_POLICY':
        for (const parts of objects) {
          const policyName = parts.at(-1)!;
          const tableParts = parts.slice(0, -1);
          const [schemaName, name] = tableParts.length > 1 ? [tableParts[0]!, tableParts[1]!] : ['public', tableParts[0]!];
          const table = findTable(this.schema, schemaName, name);
          if (table) table.policies = table.policies.filter((p) => p.name !== policyName);
        }
        return;
      case 'OBJECT_FUNCTION':
        for (const o of node.objects ?? []) {
          const parts = names(o.ObjectWithArgs?.objname);
          const [schemaName, name] = parts.length > 1 ? [parts[0]!, parts[1]!] : ['public', parts[0]!];
          this.schema.functions = this.schema.functions.filter((f) => !(f.schema === schemaName && f.name === name));
        }
        return;
    }
    this.schema.unmodelled.push({ kind: `Drop:${node.removeType}`, loc: this.here() });
  }

  private createIndex(node: PgNode): void {
    const schemaName = node.relation?.schemaname ?? 'public';
    if (node.idxname && node.if_not_exists && this.schema.indexes.some((i) => i.schema === schemaName && i.name === node.idxname)) return;
    const columns: string[] = (node.indexParams ?? []).map((p: PgNode) => p.IndexElem?.name ?? '(expression)');
    this.schema.indexes.push({
      name: node.idxname ?? null,
      schema: schemaName,
      table: node.relation?.relname,
      columns,
      unique: Boolean(node.unique || node.primary),
      partial: Boolean(node.whereClause),
      loc: this.here(),
    });
  }

  private policyExpressions(node: PgNode): { using: PolicyExpression | null; withCheck: PolicyExpression | null } {
    const clauses = policyClauses(this.statement?.text ?? '');
    return {
      using: node.qual ? analyseExpression(node.qual, clauses.using ?? '') : null,
      withCheck: node.with_check ? analyseExpression(node.with_check, clauses.withCheck ?? '') : null,
    };
  }

  private roles(node: PgNode): string[] {
    return (node.roles ?? [])
      .map((r: PgNode) => r.RoleSpec?.rolename ?? (r.RoleSpec?.roletype === 'ROLESPEC_PUBLIC' ? 'public' : ''))
      .filter((r: string) => r !== '' && r !== 'public');
  }

  private createPolicy(node: PgNode): void {
    const table = this.table(node.table);
    if (!table) throw new UnknownObject(`CREATE POLICY on ${node.table?.relname}, which no earlier statement creates`);
    if (table.policies.some((p) => p.name === node.policy_name))
      throw new Error(`policy "${node.policy_name}" already exists on ${table.name}`);
    const policy: Policy = {
      name: node.policy_name,
      command: (node.cmd_name ?? 'all') as PolicyCommand,
      roles: this.roles(node),
      permissive: node.permissive === true,
      ...this.policyExpressions(node),
      statement: this.statement?.text ?? '',
      loc: this.here(),
    };
    table.policies.push(policy);
  }

  private alterPolicy(node: PgNode): void {
    const table = this.table(node.table);
    const policy = table?.policies.find((p) => p.name === node.policy_name);
    if (!policy) throw new UnknownObject(`ALTER POLICY "${node.policy_name}", which no earlier statement creates`);
    const expressions = this.policyExpressions(node);
    if (node.roles) policy.roles = this.roles(node);
    if (node.qual) policy.using = expressions.using;
    if (node.with_check) policy.withCheck = expressions.withCheck;
    policy.loc = this.here();
  }

  private grant(node: PgNode): void {
    const privileges = node.privileges ? node.privileges.map((p: PgNode) => String(p.AccessPriv?.priv_name ?? 'all')) : ['all'];
    const roles = (node.grantees ?? []).map((g: PgNode) => g.RoleSpec?.rolename ?? 'public');
    for (const object of node.objects ?? []) {
      const table = this.table(object.RangeVar);
      if (table) table.grants.push({ grant: Boolean(node.is_grant), privileges, roles, loc: this.here() });
    }
  }

  private functionSettings(options: PgNode[] | undefined): { securityDefiner?: boolean; searchPath?: string | null } {
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

  private createFunction(node: PgNode): void {
    const parts = names(node.funcname);
    const [schemaName, name] = parts.length > 1 ? [parts[0]!, parts[1]!] : ['public', parts[0]!];
    const settings = this.functionSettings(node.options);
    this.schema.functions = this.schema.functions.filter((f) => !(f.schema === schemaName && f.name === name));
    this.schema.functions.push({
      schema: schemaName,
      name,
      securityDefiner: settings.securityDefiner ?? false,
      searchPath: settings.searchPath ?? null,
      loc: this.here(),
    });
  }

  private alterFunction(node: PgNode): void {
    const parts = names(node.func?.objname);
    const [schemaName, name] = parts.length > 1 ? [parts[0]!, parts[1]!] : ['public', parts[0]!];
    const fn = this.schema.functions.find((f) => f.schema === schemaName && f.name === name);
    if (!fn) return;
    const settings = this.functionSettings(node.actions);
    if (settings.securityDefiner !== undefined) fn.securityDefiner = settings.securityDefiner;
    if (settings.searchPath !== undefined) fn.searchPath = settings.searchPath;
  }
}

/** Does this SQL text define schema (as opposed to queries or seed data)? */
export function holdsDdl(text: string): boolean {
  return /\b(create|alter)\s+(table|policy|index|unique\s+index)\b/i.test(text);
}

/** Reads an expression as the catalog prints it (`pg_policies.qual`) into the same facts as a migration's. */
export function analysePolicyText(text: string): PolicyExpression {
  const tree: PgNode = parseSync(`select ${text}`);
  const value = tree.stmts?.[0]?.stmt?.SelectStmt?.targetList?.[0]?.ResTarget?.val;
  return analyseExpression(value, text);
}
