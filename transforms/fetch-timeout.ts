import type { API, ASTPath, CallExpression, FileInfo, Program } from 'jscodeshift';
import type { Expression } from '@babel/types';
import { addTodo, ancestorsOf } from '../src/engine/codemod.ts';
import { printOptions } from '../src/engine/print-style.ts';
import type { Answers, TransformMeta } from '../src/engine/transform-types.ts';
import {
  absoluteUrlOf,
  fetchResponseBinding,
  hasTimeoutSignal,
  isOkChecked,
  isServerDataFunction,
  moduleStringConstants,
  runsInBrowser,
} from '../src/engine/fetch-calls.ts';

export const meta: TransformMeta = {
  id: 'fetch-timeout',
  title: 'Give external fetches a timeout and a response check',
  description: 'Adds `signal: AbortSignal.timeout(ms)` to each server-side fetch of an external URL, and after `const res = await fetch(…)` a check that throws a clear error when `res.ok` is false. Responses used without a name get a TODO instead.',
  safe: true,
  prefilter: ['fetch('],
  questions: [{ name: 'timeoutMs', message: 'Timeout for requests to other services, in milliseconds?', type: 'number', default: 10000 }],
};

export const parser = 'tsx';

const TODO = 'check response.ok before reading the body';

export default function fetchTimeout(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  const program = root.find(j.Program).get().node as Program;
  const constants = moduleStringConstants(program as unknown as import('@babel/types').Program);
  const browser = runsInBrowser(file.path, program as unknown as import('@babel/types').Program);
  const timeoutMs = Number(options.timeoutMs ?? 10000);
  let changed = false;

  root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'fetch' } }).forEach((path: ASTPath<CallExpression>) => {
    const args = path.node.arguments;
    const url = absoluteUrlOf(args[0] as unknown as Expression, constants);
    if (!url) return;
    const ancestors = ancestorsOf(path);
    if (browser && !ancestors.some(isServerDataFunction)) return;

    if (!hasTimeoutSignal(args[1] as unknown as Expression | undefined)) {
      const signal = j.objectProperty(
        j.identifier('signal'),
        j.callExpression(j.memberExpression(j.identifier('AbortSignal'), j.identifier('timeout')), [j.numericLiteral(timeoutMs)]),
      );
      const init = args[1];
      if (init?.type === 'ObjectExpression') init.properties.push(signal);
      else args.push(j.objectExpression([signal]));
      changed = true;
    }

    const response = fetchResponseBinding(ancestors);
    if (response && isOkChecked(response.name, response.scope)) return;
    const statement = j(path).closest(j.Statement);
    if (statement.length === 0) return;
    const declaresResponse = response !== null && statement.get().node.type === 'VariableDeclaration';
    if (declaresResponse && Array.isArray(statement.get().parent?.node?.body)) {
      const name = response!.name;
      const check = j(`if (!${name}.ok) throw new Error(\`${url.host} answered \${${name}.status} \${${name}.statusText}\`);`).find(j.IfStatement).get().node;
      statement.insertAfter(check);
      changed = true;
      return;
    }
    if (addTodo(j, path, TODO)) changed = true;
  });

  return changed ? root.toSource(printOptions(file.source)) : undefined;
}
