import type { ASTPath, CallExpression, Identifier, JSCodeshift } from 'jscodeshift';
import { memberKey, type AstNode as Node } from '../rules.ts';
import { TextEdits, sourceTree } from '../../../../src/engine/codemod.ts';
import { walk, type Reader, testedMethods, accepts, moved } from './methods.ts';

export interface Names {
  request: string;
  query: string;
  body: string;
  headers: string;
  params: string;
}

/** `getServerSession(req, res, authOptions)` from next-auth, which a route handler calls as `getServerSession(authOptions)`. */
export function isSessionCall(call: Node, argument: Node, reader: Reader): boolean {
  if (call.type !== 'CallExpression' || call.arguments.length !== 3 || call.arguments[0] !== argument) return false;
  const callee = call.callee.type === 'Identifier' ? call.callee.name : null;
  return (
    (callee === 'getServerSession' || callee === 'unstable_getServerSession') &&
    call.arguments[1].type === 'Identifier' &&
    call.arguments[1].name === reader.response
  );
}

/** Code that needs parentheses to stand where another expression stood. */
export const needsParens = (node: Node): boolean =>
  ![
    'Identifier',
    'CallExpression',
    'MemberExpression',
    'OptionalMemberExpression',
    'OptionalCallExpression',
    'StringLiteral',
    'NumericLiteral',
    'BooleanLiteral',
    'NullLiteral',
    'TemplateLiteral',
    'ObjectExpression',
    'ArrayExpression',
    'AwaitExpression',
    'JSXElement',
    'NewExpression',
    'ParenthesizedExpression',
  ].includes(node.type);

/** True when a block declares a name the code around it uses too, so its statements cannot go up a level. */
export function declaresOutside(j: JSCodeshift, fn: Node, block: Node): boolean {
  const names = (block.body as Node[]).flatMap((s) =>
    s.type === 'VariableDeclaration' && s.kind !== 'var'
      ? (s.declarations as Node[]).flatMap((d) =>
          d.id.type === 'Identifier'
            ? [d.id.name]
            : j(d.id as never)
                .find(j.Identifier)
                .nodes()
                .map((id) => (id as Identifier).name),
        )
      : s.type === 'ClassDeclaration' || s.type === 'FunctionDeclaration'
        ? [s.id?.name]
        : [],
  );
  return names.some(
    (name) =>
      j(fn as never)
        .find(j.Identifier, { name })
        .filter((p: ASTPath) => (p.node as Node).start < block.start || (p.node as Node).end > block.end).length > 0,
  );
}

/** Resolves the method checks whose answer is the same for every one of these methods, so each method's function keeps only its own code. */
export function specialize(j: JSCodeshift, original: string, reader: Reader, methods: readonly string[]): string {
  let text = original;
  for (let round = 0; round < 20; round++) {
    const root = sourceTree(j, text);
    const fn = root.find(j.FunctionDeclaration).paths()[0]!.node as Node;
    const edits = new TextEdits(text);
    const taken: Array<[number, number]> = [];
    walk(fn.body, (node, parent) => {
      if (node.type !== 'IfStatement' && node.type !== 'ConditionalExpression') return;
      if (taken.some(([start, end]) => node.start >= start && node.end <= end)) return;
      const tested = testedMethods(node.test, reader);
      if (!tested) return;
      const answers = new Set(methods.map((m) => accepts(tested, m)));
      if (answers.size !== 1) return;
      const chosen: Node | null = answers.has(true) ? node.consequent : node.alternate;
      if (node.type === 'ConditionalExpression') {
        const code = text.slice(chosen!.start, chosen!.end);
        edits.replace(node.start, node.end, needsParens(chosen!) ? `(${code})` : code);
      } else {
        if (!parent || !['BlockStatement', 'Program', 'SwitchCase'].includes(parent.type)) return;
        const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', node.start) + 1))![0];
        if (!chosen) {
          const lineStart = text.lastIndexOf('\n', node.start) + 1;
          edits.replace(lineStart, node.end + (text[node.end] === '\n' ? 1 : 0), '');
        } else if (chosen.type === 'BlockStatement' && chosen.body.length > 0 && !declaresOutside(j, fn, chosen)) {
          edits.replace(
            node.start,
            node.end,
            (chosen.body as Node[])
              .map((s) => moved(text, s, indent))
              .join('\n')
              .slice(indent.length),
          );
        } else {
          edits.replace(node.start, node.end, moved(text, chosen, indent).slice(indent.length));
        }
      }
      taken.push([node.start, node.end]);
    });
    if (!edits.changed) return text;
    text = edits.apply();
  }
  return text;
}

/** `res.status(404).json(x)` → `NextResponse.json(x, { status: 404 })`, and the rest of the chain family; as code, or null. */
export function responseFor(
  source: (node: Node) => string,
  call: CallExpression,
  withHeaders: boolean,
  defaultStatus: string | null,
  names: Names,
): { code: string; status: string | null } | null {
  const steps: Array<{ name: string; args: Node[] }> = [];
  let node: Node = call;
  while (node.type === 'CallExpression') {
    const callee = (node as CallExpression).callee as Node & { object: Node };
    if (callee.type !== 'MemberExpression') return null;
    steps.unshift({ name: memberKey(callee) ?? '', args: (node as CallExpression).arguments as Node[] });
    node = callee.object;
  }
  let status: string | null = defaultStatus;
  let last: { name: string; args: Node[] } | null = null;
  for (const step of steps) {
    if (step.name === 'status' && step.args.length === 1) status = source(step.args[0]!);
    else if (last === null) last = step;
    else return null;
  }
  if (!last) return null;
  const headers = names.headers === 'headers' ? 'headers' : `headers: ${names.headers}`;
  const init = [status ? `status: ${status}` : '', withHeaders ? headers : ''].filter(Boolean);
  const initCode = init.length > 0 ? `, { ${init.join(', ')} }` : '';
  const [first, second] = last.args.map(source);
  const arg = last.args[0];
  const code = (() => {
    switch (last.name) {
      case 'json':
        return `NextResponse.json(${first ?? 'null'}${initCode})`;
      case 'send': {
        const text = !arg || arg.type === 'StringLiteral' || arg.type === 'TemplateLiteral';
        return text ? `new NextResponse(${first ?? 'null'}${initCode})` : `NextResponse.json(${first}${initCode})`;
      }
      case 'end':
        return `new NextResponse(${first ?? 'null'}${initCode})`;
      case 'redirect': {
        const [url, code] = last.args.length === 2 ? [second, first] : [first, status];
        const redirectInit = withHeaders ? `, { status: ${code ?? 307}, ${headers} }` : code ? `, ${code}` : '';
        return `NextResponse.redirect(new URL(${url}, ${names.request}.url)${redirectInit})`;
      }
      default:
        return null;
    }
  })();
  return code === null ? null : { code, status: last.name === 'redirect' ? null : status };
}
