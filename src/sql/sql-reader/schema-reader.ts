import { findTable, type Column, type Policy, type PolicyCommand, type SchemaModel, type SourceLoc, type Table } from '../model.ts';
import { LineIndex, type PgNode, SqlParseError, type SqlStatement, parseSqlStatements } from './statements.ts';
import { SqlParserNotLoaded } from '../pg-parser.ts';
import { constraintFrom, exprText, functionSettings, names, typeText } from './definitions.ts';
import { policyExpressions, policyRoles } from './policy-expressions.ts';

/** The table a statement creates or changes, when it names one: what a replay problem leaves uncertain. */
export function statementTable(statement: SqlStatement): { schema: string; name: string } | null {
  const relation = statement.node?.relation ?? statement.node?.table;
  return relation?.relname ? { schema: relation.schemaname ?? 'public', name: relation.relname } : null;
}

/** A statement about a table or policy the migrations never created (storage.objects, say): kept, not modelled. */
export class UnknownObject extends Error {}

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
      if (error instanceof SqlParserNotLoaded) throw error;
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
        const constraint = constraintFrom(c, [def.colname], this.at(c.location), this.schema);
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
        const constraint = constraintFrom(element.Constraint, null, this.at(element.Constraint.location), this.schema);
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
          const constraint = constraintFrom(cmd.def.Constraint, null, this.at(cmd.def.Constraint.location), this.schema);
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

  private createPolicy(node: PgNode): void {
    const table = this.table(node.table);
    if (!table) throw new UnknownObject(`CREATE POLICY on ${node.table?.relname}, which no earlier statement creates`);
    if (table.policies.some((p) => p.name === node.policy_name))
      throw new Error(`policy "${node.policy_name}" already exists on ${table.name}`);
    const policy: Policy = {
      name: node.policy_name,
      command: (node.cmd_name ?? 'all') as PolicyCommand,
      roles: policyRoles(node),
      permissive: node.permissive === true,
      ...policyExpressions(node, this.statement?.text ?? ''),
      statement: this.statement?.text ?? '',
      loc: this.here(),
    };
    table.policies.push(policy);
  }

  private alterPolicy(node: PgNode): void {
    const table = this.table(node.table);
    const policy = table?.policies.find((p) => p.name === node.policy_name);
    if (!policy) throw new UnknownObject(`ALTER POLICY "${node.policy_name}", which no earlier statement creates`);
    const expressions = policyExpressions(node, this.statement?.text ?? '');
    if (node.roles) policy.roles = policyRoles(node);
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

  private createFunction(node: PgNode): void {
    const parts = names(node.funcname);
    const [schemaName, name] = parts.length > 1 ? [parts[0]!, parts[1]!] : ['public', parts[0]!];
    const settings = functionSettings(node.options);
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
    const settings = functionSettings(node.actions);
    if (settings.securityDefiner !== undefined) fn.securityDefiner = settings.securityDefiner;
    if (settings.searchPath !== undefined) fn.searchPath = settings.searchPath;
  }
}
