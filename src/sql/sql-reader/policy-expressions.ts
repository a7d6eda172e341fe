import { SqlParserNotLoaded, parseSync, scanSync } from '../pg-parser.ts';
import { type PolicyExpression } from '../model.ts';
import { type PgNode } from './statements.ts';
import { names } from './definitions.ts';

export interface Walker {
  (node: PgNode, insideSubLink: boolean): void;
}

export function walkTree(node: PgNode, visit: Walker, insideSubLink = false): void {
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

export const AUTH_FUNCTIONS = new Set(['auth.uid', 'auth.jwt', 'auth.role']);

export function isTrueConstant(node: PgNode): boolean {
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
export function policyClauses(statement: string): { using: string | null; withCheck: string | null } {
  let tokens: Array<{ start: number; end: number; text: string; tokenName: string }>;
  try {
    tokens = scanSync(statement).tokens;
  } catch (error) {
    if (error instanceof SqlParserNotLoaded) throw error;
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
/** Reads an expression as the catalog prints it (`pg_policies.qual`) into the same facts as a migration's. */
export function analysePolicyText(text: string): PolicyExpression {
  const tree: PgNode = parseSync(`select ${text}`);
  const value = tree.stmts?.[0]?.stmt?.SelectStmt?.targetList?.[0]?.ResTarget?.val;
  return analyseExpression(value, text);
}
/** The USING and WITH CHECK expressions of a CREATE or ALTER POLICY statement. */
export function policyExpressions(
  node: PgNode,
  statementText: string,
): { using: PolicyExpression | null; withCheck: PolicyExpression | null } {
  const clauses = policyClauses(statementText);
  return {
    using: node.qual ? analyseExpression(node.qual, clauses.using ?? '') : null,
    withCheck: node.with_check ? analyseExpression(node.with_check, clauses.withCheck ?? '') : null,
  };
}

/** The roles a policy names, `public` left out: a policy for everyone names none. */
export function policyRoles(node: PgNode): string[] {
  return (node.roles ?? [])
    .map((r: PgNode) => r.RoleSpec?.rolename ?? (r.RoleSpec?.roletype === 'ROLESPEC_PUBLIC' ? 'public' : ''))
    .filter((r: string) => r !== '' && r !== 'public');
}
