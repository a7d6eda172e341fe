import type { ASTPath, CallExpression, Collection, Identifier, JSCodeshift } from 'jscodeshift';
import { memberKey, type AstNode as Node } from '../rules.ts';
import { TextEdits, sourceTree } from '../../../../src/engine/codemod.ts';
import { chainRoot, type Reader } from './methods.ts';
import { type Names, isSessionCall, specialize, responseFor } from './responses.ts';

/** Rewrites one method's body from `(req, res)` to a Web `Request` and returned `NextResponse`s, as text edits so the code keeps its layout. */
export function convertBody(
  j: JSCodeshift,
  original: string,
  reader: Reader,
  names: Names,
  hasParams: boolean,
  methods: readonly string[],
): { code: string; revalidates: boolean; leftovers: string[]; rejects: boolean } {
  const { request, response } = reader;
  const needs = { query: false, body: false, headers: false };
  let revalidates = false;
  let defaultStatus: string | null = null;
  const leftovers: string[] = [];
  const at = (node: Node) => node as Node & { start: number; end: number };
  const isResponse = (node: Node) => node.type === 'Identifier' && (node as Identifier).name === response;
  // Passes, each over the text the one before wrote, so no edit lands inside another.
  let text = specialize(j, original, reader, methods);
  let root = sourceTree(j, text);
  let edits = new TextEdits(text);
  let fn = root.find(j.FunctionDeclaration).paths()[0]!;
  let handled = new Set<Node>();
  const source = (node: Node) => text.slice(at(node).start, at(node).end);
  const nextPass = () => {
    text = edits.apply();
    root = sourceTree(j, text);
    edits = new TextEdits(text);
    fn = root.find(j.FunctionDeclaration).paths()[0]!;
    handled = new Set<Node>();
  };
  const inOwnScope = (p: ASTPath) => j(p).closest(j.Function).paths()[0]?.node === fn.node;
  // `.then((res) => res.text())` declares a `res` of its own.
  const unshadowed = (p: ASTPath, name: string) => {
    const scope = (p as ASTPath & { scope?: { lookup(name: string): { node: Node } | null } }).scope?.lookup(name);
    return !scope || scope.node === fn.node;
  };

  // Reads of the request. Its own references are found here, before the new `request` can be mistaken for them.
  const requestReads = root.find(j.Identifier, { name: request }).filter((p: ASTPath) => {
    if (!unshadowed(p, request)) return false;
    const parent = p.parent.node;
    if (isPropertyName(p)) return false;
    return !(p.parent.parent?.node === fn.node || parent === fn.node);
  });
  const bodyReads = requestReads.filter((p: ASTPath) => memberKey(p.parent.node) === 'body' && p.parent.node.object === p.node);
  const queryReads = requestReads.filter((p: ASTPath) => memberKey(p.parent.node) === 'query' && p.parent.node.object === p.node);
  // `const data = req.body` reads the body once, where it stands.
  const declaredOnce = (reads: Collection) => {
    if (reads.length !== 1) return false;
    const member = reads.paths()[0]!.parent as ASTPath;
    return (
      member.parent.node.type === 'VariableDeclarator' &&
      member.parent.node.init === member.node &&
      member.parent.node.id.type === 'Identifier' &&
      inOwnScope(member)
    );
  };
  const bodyInPlace = declaredOnce(bodyReads);
  const queryInPlace = declaredOnce(queryReads);
  const queryCode = `{ ...Object.fromEntries(${names.request}.nextUrl.searchParams)${hasParams ? `, ...(await ${names.params})` : ''} }`;
  requestReads.forEach((p: ASTPath) => {
    const parent = p.parent.node;
    const key = parent.type === 'MemberExpression' && parent.object === p.node ? memberKey(parent) : null;
    const grandparent = p.parent.parent?.node;
    const inner = key && grandparent?.type === 'MemberExpression' && grandparent.object === parent ? memberKey(grandparent) : null;
    const replace = (node: Node, code: string) => edits.replace(at(node).start, at(node).end, code);
    if (key === 'query') {
      if (queryInPlace) replace(parent, queryCode);
      else {
        needs.query = true;
        replace(parent, names.query);
      }
    } else if (key === 'body') {
      if (
        grandparent?.type === 'CallExpression' &&
        grandparent.arguments.length === 1 &&
        grandparent.arguments[0] === parent &&
        j(grandparent.callee as never).toSource() === 'JSON.parse' &&
        inOwnScope(p)
      )
        replace(grandparent, `await ${names.request}.json()`);
      else if (bodyInPlace) replace(parent, `await ${names.request}.json()`);
      else {
        needs.body = true;
        replace(parent, names.body);
      }
    } else if (key === 'method') replace(parent, `${names.request}.method`);
    else if (!key && isSessionCall(parent, p.node, reader)) replace(parent, `${source(parent.callee)}(${source(parent.arguments[2])})`);
    else if (key === 'url') replace(parent, `(${names.request}.nextUrl.pathname + ${names.request}.nextUrl.search)`);
    else if (key === 'headers' && inner) replace(grandparent, `${names.request}.headers.get('${inner.toLowerCase()}')`);
    else if (key === 'cookies' && inner) replace(grandparent, `${names.request}.cookies.get('${inner}')?.value`);
    else if (key === 'cookies')
      replace(parent, `Object.fromEntries(${names.request}.cookies.getAll().map((cookie) => [cookie.name, cookie.value]))`);
    else if (key === 'headers') replace(parent, `Object.fromEntries(${names.request}.headers)`);
    else if (
      !key &&
      parent.type === 'VariableDeclarator' &&
      parent.init === p.node &&
      parent.id.type === 'ObjectPattern' &&
      inOwnScope(p)
    ) {
      // `const { query, body } = req` declares each part from the request instead.
      const parts = (parent.id.properties as Node[]).map((property) => {
        const name =
          property.type === 'ObjectProperty'
            ? memberKey({ type: 'MemberExpression', property: property.key, computed: property.computed })
            : null;
        const target =
          property.type === 'ObjectProperty'
            ? source(property.value.type === 'AssignmentPattern' ? property.value.left : property.value)
            : null;
        const code =
          name === 'query'
            ? queryCode
            : name === 'body'
              ? `await ${names.request}.json()`
              : name === 'method'
                ? `${names.request}.method`
                : name === 'headers'
                  ? `Object.fromEntries(${names.request}.headers)`
                  : name === 'url'
                    ? `(${names.request}.nextUrl.pathname + ${names.request}.nextUrl.search)`
                    : null;
        if (!code || !target || property.value.type === 'AssignmentPattern') return null;
        // A part this method never reads is not read at all: a GET has no body to parse.
        const used =
          property.value.type !== 'Identifier' ||
          j(fn.node as never)
            .find(j.Identifier, { name: property.value.name })
            .filter(
              (ref: ASTPath) =>
                ref.node !== property.value &&
                ref.parent.node !== property &&
                !(ref.parent.node.type === 'MemberExpression' && ref.parent.node.property === ref.node && !ref.parent.node.computed) &&
                !(ref.parent.node.type === 'ObjectProperty' && ref.parent.node.key === ref.node && !ref.parent.node.shorthand),
            ).length > 0;
        return used ? `${target} = ${code}` : '';
      });
      const kept = parts.filter(Boolean);
      const declaration = p.parent.parent as ASTPath;
      if (
        parts.every((part) => part !== null) &&
        kept.length === 0 &&
        declaration.node.type === 'VariableDeclaration' &&
        (declaration.node as Node).declarations.length === 1
      ) {
        const at = declaration.node as Node;
        const lineStart = text.lastIndexOf('\n', at.start) + 1;
        edits.replace(lineStart, at.end + (text[at.end] === '\n' ? 1 : 0), '');
      } else if (parts.every((part) => part !== null) && kept.length > 0) replace(parent, kept.join(', '));
      else leftovers.push(source(parent).replace(/\s+/g, ' '));
    } else leftovers.push(source(key ? parent : p.node).replace(/\s+/g, ' '));
  });

  nextPass();
  const responseCalls = (method: string) =>
    root
      .find(j.CallExpression)
      .filter(
        (p: ASTPath<CallExpression>) =>
          p.node.callee.type === 'MemberExpression' &&
          isResponse((p.node.callee as { object: Node }).object) &&
          memberKey(p.node.callee as never) === method &&
          unshadowed(p, response),
      );
  // Headers set before responding.
  const headerCalls: Record<string, string> = { setHeader: 'set', appendHeader: 'append', removeHeader: 'delete' };
  for (const [method, verb] of Object.entries(headerCalls)) {
    responseCalls(method).forEach((p: ASTPath<CallExpression>) => {
      const [name, value] = p.node.arguments as Node[];
      if (!name || (!value && verb !== 'delete')) return;
      needs.headers = true;
      const valueCode = !value
        ? ''
        : value.type === 'ArrayExpression'
          ? `, ${source(value)}.join(', ')`
          : value.type === 'StringLiteral' || value.type === 'TemplateLiteral'
            ? `, ${source(value)}`
            : `, String(${source(value)})`;
      edits.replace(at(p.node).start, at(p.node).end, `${names.headers}.${verb}(${source(name)}${valueCode})`);
      handled.add((p.node.callee as { object: Node }).object);
    });
  }
  // `res.statusCode = 401`, `res.status(401);` or `res.writeHead(401, {…})` before the response: the response takes that status.
  const statusStatements = root.find(j.ExpressionStatement).filter((p: ASTPath) => {
    if (!unshadowed(p, response)) return false;
    const expression = (p.node as Node).expression;
    if (expression.type === 'AssignmentExpression')
      return (
        expression.left.type === 'MemberExpression' && isResponse(expression.left.object) && memberKey(expression.left) === 'statusCode'
      );
    return (
      expression.type === 'CallExpression' &&
      expression.callee.type === 'MemberExpression' &&
      isResponse(expression.callee.object) &&
      ['status', 'writeHead'].includes(memberKey(expression.callee) ?? '')
    );
  });
  if (statusStatements.length === 1) {
    const statement = statusStatements.paths()[0]!.node as Node;
    const expression = statement.expression;
    const lineStart = text.lastIndexOf('\n', at(statement).start) + 1;
    const indent = text.slice(lineStart, at(statement).start);
    let replacement = '';
    if (expression.type === 'AssignmentExpression') {
      defaultStatus = source(expression.right);
      handled.add(expression.left.object);
    } else {
      const [status, fields] = expression.arguments as Node[];
      defaultStatus = status ? source(status) : null;
      handled.add(expression.callee.object);
      if (fields?.type === 'ObjectExpression' && fields.properties.every((f: Node) => f.type === 'ObjectProperty' && !f.computed)) {
        replacement = (fields.properties as Node[])
          .map(
            (f) =>
              `${indent}${names.headers}.set(${f.key.type === 'Identifier' ? `'${f.key.name}'` : source(f.key)}, ${f.value.type === 'StringLiteral' || f.value.type === 'TemplateLiteral' ? source(f.value) : `String(${source(f.value)})`});\n`,
          )
          .join('');
        needs.headers ||= replacement.length > 0;
      } else if (fields) {
        leftovers.push(`${response}.writeHead(…)`);
      }
    }
    edits.replace(lineStart, at(statement).end + (text[at(statement).end] === '\n' ? 1 : 0), replacement);
  }
  responseCalls('revalidate').forEach((p: ASTPath<CallExpression>) => {
    const callee = p.node.callee as Node;
    edits.replace(at(callee).start, at(callee).end, 'revalidatePath');
    handled.add((p.node.callee as { object: Node }).object);
    revalidates = true;
  });

  const converted = new Set(['setHeader', 'appendHeader', 'removeHeader', 'revalidate']);
  nextPass();
  // Responses: the outermost call of each `res.…` chain.
  const statuses: Array<string | null> = [];
  root
    .find(j.CallExpression)
    .filter((p: ASTPath<CallExpression>) => {
      const object = chainRoot(p.node.callee as Node);
      if (!isResponse(object) || handled.has(object) || !unshadowed(p, response)) return false;
      const parent = p.parent.node;
      return !(parent.type === 'MemberExpression' && parent.object === p.node);
    })
    .forEach((p: ASTPath<CallExpression>) => {
      const object = chainRoot(p.node.callee as Node);
      const statement = p.parent;
      const result = responseFor(source, p.node, needs.headers, defaultStatus, names);
      if (!result || !inOwnScope(p)) return;
      if (j(p).closest(j.CatchClause).length === 0) statuses.push(result.status);
      handled.add(object);
      if (
        statement.node.type === 'ExpressionStatement' ||
        (statement.node.type === 'AwaitExpression' && statement.parent.node.type === 'ExpressionStatement')
      ) {
        const whole = statement.node.type === 'ExpressionStatement' ? statement : statement.parent;
        edits.replace(at(whole.node).start, at(whole.node).end, `return ${result.code};`);
        // A bare `return;` right after the response is now unreachable.
        const list =
          (whole.parent.node as { body?: Node[]; consequent?: Node[] }).body ?? (whole.parent.node as { consequent?: Node[] }).consequent;
        const next = Array.isArray(list) ? list[list.indexOf(whole.node) + 1] : undefined;
        if (next?.type === 'ReturnStatement' && !(next as { argument: Node | null }).argument) {
          const lineStart = text.lastIndexOf('\n', at(next).start) + 1;
          edits.replace(lineStart, at(next).end + (text[at(next).end] === '\n' ? 1 : 0), '');
        }
      } else {
        edits.replace(at(p.node).start, at(p.node).end, result.code);
      }
    });

  // What is left of the response.
  root
    .find(j.Identifier, { name: response })
    .filter((p: ASTPath) => {
      if (!unshadowed(p, response)) return false;
      const parent = p.parent.node;
      if (parent.type === 'MemberExpression' && parent.object === p.node && converted.has(memberKey(parent) ?? '')) return false;
      if (isPropertyName(p)) return false;
      if (p.parent.parent?.node === fn.node || parent === fn.node) return false;
      return !handled.has(p.node);
    })
    .forEach((p: ASTPath) => {
      const parent = p.parent.node;
      const member = parent.type === 'MemberExpression' && parent.object === p.node ? parent : null;
      leftovers.push(member ? `${response}.${memberKey(member) ?? '…'}` : response);
    });

  const preamble: string[] = [];
  if (needs.query) preamble.push(`const ${names.query} = ${queryCode};`);
  if (needs.body) preamble.push(`const ${names.body} = await ${names.request}.json();`);
  if (needs.headers) preamble.push(`const ${names.headers} = new Headers();`);
  const bodyStart = at(fn.node.body as Node).start + 1;
  if (preamble.length > 0) edits.insert(bodyStart, `\n${preamble.map((line) => `  ${line}`).join('\n')}`);
  const rejects = statuses.length > 0 && statuses.every((status) => status === '405');
  return { code: edits.apply(), revalidates, leftovers: [...new Set(leftovers)], rejects };
}

/** A name in `x.name` or `{ name: x }`: a property, not a reference to the binding. */
function isPropertyName(p: ASTPath): boolean {
  const parent = p.parent.node;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === p.node && !parent.computed)
    return true;
  return (parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === p.node && !parent.shorthand;
}
