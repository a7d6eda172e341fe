import type { API, ASTPath, CallExpression, Identifier } from 'jscodeshift';
import { memberKey, references, reparseExpression, SEARCH_PARAMS_TYPE, statements, type AstNode as Node } from '../rules.ts';
import { addTodo, addTypeImport } from '../../../../src/engine/codemod.ts';
import type { Member } from './navigation.ts';

/** What a `NextRouter` read gives, for the helpers that still read it. */
export const READ_TYPES: Record<string, string> = { query: SEARCH_PARAMS_TYPE, pathname: 'string', asPath: 'string', route: 'string' };

/**
 * Helpers typed with the Pages Router's `NextRouter` take the App Router's instance instead; one that
 * reads more than navigation from it gets a TODO.
 */
export interface RouterHelper {
  name: string | null;
  /** Which parameter takes the router. */
  index: number;
  /** The reads of the router besides navigation, with their App Router value where there is one. */
  reads: string[];
  /** Calls in this module whose router argument now carries those values. */
  converted: Set<Node>;
  finish(passed: boolean): void;
}

/**
 * Helpers typed with the Pages Router's `NextRouter` take the App Router's instance instead. One that
 * reads `query`, `pathname`, `asPath` or `route` from it takes those values too: where each of its
 * callers is in this module and now passes them, it reads them as before; otherwise its reads are typed
 * optional, so it still compiles for its callers, and a TODO names it.
 */
export function retypeNextRouter(
  j: API['jscodeshift'],
  root: ReturnType<API['jscodeshift']>,
  imports: ReturnType<API['jscodeshift']>,
): RouterHelper[] {
  let local: string | null = null;
  imports.forEach((p: ASTPath) => {
    const node = p.node as { specifiers?: Array<Node & { imported?: Identifier; local?: Identifier }> };
    const specifier = (node.specifiers ?? []).find((s) => s.type === 'ImportSpecifier' && s.imported?.name === 'NextRouter');
    if (!specifier) return;
    local = specifier.local?.name ?? 'NextRouter';
    node.specifiers = (node.specifiers ?? []).filter((s) => s !== specifier);
    if (node.specifiers.length === 0) j(p).remove();
  });
  if (!local) return [];
  const name = 'AppRouterInstance';
  const NAVIGATION = new Set(['push', 'replace', 'back', 'forward', 'refresh', 'prefetch']);
  const helpers: RouterHelper[] = [];
  root.find(j.TSTypeReference, { typeName: { type: 'Identifier', name: local } }).forEach((p: ASTPath) => {
    (p.node as Node).typeName = j.identifier(name);
    const param = p.parent?.parent?.node as Node | undefined;
    const fn = p.parent?.parent?.parent?.node as Node | undefined;
    // A function type (`(router: NextRouter) => void`) has no body to read: only its annotation changes.
    if (param?.type !== 'Identifier' || !fn || !/Function/.test(fn.type) || !fn.body) return;
    const reads = new Set<string>();
    j(fn.body as never)
      .find(j.MemberExpression, { object: { type: 'Identifier', name: param.name } })
      .forEach((member: ASTPath) => {
        const key = memberKey(member.node as never);
        if (key && !NAVIGATION.has(key)) reads.add(key);
      });
    if (reads.size === 0) return;
    const typed = [...reads].filter((key) => READ_TYPES[key]);
    const holder = p.parent?.parent?.parent?.parent?.node as Node | undefined;
    const helper = fn.id?.name ?? (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name : null);
    const finish = (passed: boolean) => {
      if (typed.length > 0) {
        const members = typed.map((key) => `${key}${passed ? '' : '?'}: ${READ_TYPES[key]}`).join('; ');
        j(p).replaceWith((statements(j, `type T = ${name} & { ${members} };`)[0] as Node).typeAnnotation);
      }
      if (passed) return;
      j(fn.body as never)
        .find(j.MemberExpression, { object: { type: 'MemberExpression', object: { type: 'Identifier', name: param.name } } })
        .filter((outer: ASTPath) => typed.includes(memberKey((outer.node as Member).object) ?? ''))
        .forEach((outer: ASTPath) => {
          (outer.node as Node).type = 'OptionalMemberExpression';
          (outer.node as Node).optional = true;
        });
      const undefinedNote = typed.length > 0 ? ', so these read undefined until its callers pass them' : '';
      addTodo(
        j,
        p,
        `${helper ? `\`${helper}\` reads ` : ''}\`${[...reads].map((key) => `${param.name}.${key}`).join('`, `')}\`: the App Router's router only navigates${undefinedNote}: pass the values of \`usePathname\` and \`useSearchParams\` from the calling component to this helper instead`,
      );
    };
    helpers.push({ name: helper, index: fn.params.indexOf(param), reads: [...reads], converted: new Set(), finish });
  });
  addTypeImport(j, root, 'next/dist/shared/lib/app-router-context.shared-runtime', name);
  return helpers;
}

/** `backTo(router)`, where `backTo` reads `router.query`: the call passes the router with the values the hooks give. */
export function passRouterValues(
  j: API['jscodeshift'],
  scope: ReturnType<API['jscodeshift']>,
  router: string,
  helpers: RouterHelper[],
  values: Record<'query' | 'pathname' | 'asPath', () => string>,
): void {
  for (const helper of helpers) {
    if (!helper.name || !helper.reads.every((key) => READ_TYPES[key])) continue;
    scope.find(j.CallExpression, { callee: { type: 'Identifier', name: helper.name } }).forEach((call: ASTPath<CallExpression>) => {
      const argument = call.node.arguments[helper.index] as Node | undefined;
      if (argument?.type !== 'Identifier' || argument.name !== router) return;
      const entries = helper.reads.map((key) => {
        const local = values[key === 'route' ? 'pathname' : (key as 'query' | 'pathname' | 'asPath')]();
        return local === key ? key : `${key}: ${local}`;
      });
      call.node.arguments[helper.index] = reparseExpression(j, `{ ...${router}, ${entries.join(', ')} }`) as never;
      helper.converted.add(call.node);
    });
  }
}

/** Whether the module exports a binding of this name, so callers elsewhere may pass it a bare router. */
export function exportsName(j: API['jscodeshift'], root: ReturnType<API['jscodeshift']>, name: string): boolean {
  const declares = (node: Node | null | undefined): boolean =>
    !!node &&
    ((node.type === 'Identifier' && node.name === name) ||
      (/Function|Class/.test(node.type) && node.id?.name === name) ||
      (node.type === 'VariableDeclaration' && (node.declarations as Node[]).some((d) => d.id.type === 'Identifier' && d.id.name === name)));
  const named = root.find(j.ExportNamedDeclaration).filter((p: ASTPath) => {
    const node = p.node as Node;
    return declares(node.declaration) || ((node.specifiers ?? []) as Node[]).some((s) => s.local?.name === name);
  });
  const byDefault = root.find(j.ExportDefaultDeclaration).filter((p: ASTPath) => declares((p.node as Node).declaration));
  const commonJs = root.find(j.AssignmentExpression).filter((p: ASTPath) => {
    const { left, right } = p.node as Node;
    return (
      left.type === 'MemberExpression' && /exports/.test(j(left as never).toSource()) && right.type === 'Identifier' && right.name === name
    );
  });
  return named.length + byDefault.length + commonJs.length > 0;
}

/** Each helper reads the router's values as before where every caller is here and passes them; the rest keep a TODO. */
export function finishHelpers(j: API['jscodeshift'], root: ReturnType<API['jscodeshift']>, helpers: RouterHelper[]): void {
  for (const helper of helpers) {
    const name = helper.name;
    const uses = name
      ? references(j, root, name).filter((p: ASTPath) => {
          const parent = p.parent.node as Node;
          return !((parent.type === 'VariableDeclarator' || parent.type === 'FunctionDeclaration') && parent.id === p.node);
        })
      : null;
    const exported = name !== null && exportsName(j, root, name);
    const passed =
      !exported &&
      uses !== null &&
      uses.length > 0 &&
      helper.reads.every((key) => READ_TYPES[key]) &&
      uses.every((p: ASTPath) => helper.converted.has(p.parent.node));
    helper.finish(passed);
  }
}
