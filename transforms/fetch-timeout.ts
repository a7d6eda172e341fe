import type { API, ASTPath, CallExpression, FileInfo, Program } from 'jscodeshift';
import type { Expression, ObjectExpression, Program as BabelProgram } from '@babel/types';
import { TextEdits, ancestorsOf, statementStart, sourceTree } from '../src/engine/codemod.ts';
import {
  absoluteUrlOf,
  fetchResponseBinding,
  hasTimeoutSignal,
  isOkChecked,
  isServerDataFunction,
  moduleStringConstants,
  runsInBrowser,
} from '../src/analysis/fetch-calls.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import { meta } from './meta/fetch-timeout.ts';
export { meta };

export const parser = 'tsx';

const TODO = 'check response.ok before reading the body';

export default function fetchTimeout(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const edits = new TextEdits(file.source, file.path);
  const program = root.find(j.Program).get().node as Program as unknown as BabelProgram;
  const constants = moduleStringConstants(program);
  const browser = runsInBrowser(file.path, program);
  const timeoutMs = Number(options.timeoutMs ?? 10000);

  root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'fetch' } }).forEach((path: ASTPath<CallExpression>) => {
    const args = path.node.arguments as unknown as Expression[];
    const url = absoluteUrlOf(args[0], constants);
    if (!url) return;
    const ancestors = ancestorsOf(path);
    if (browser && !ancestors.some(isServerDataFunction)) return;

    if (!hasTimeoutSignal(args[1])) {
      const signal = `signal: AbortSignal.timeout(${timeoutMs})`;
      if (args[1]?.type === 'ObjectExpression') edits.appendProperty(args[1] as ObjectExpression as never, signal);
      else edits.insert(args[0]!.end!, `, { ${signal} }`);
    }

    const response = fetchResponseBinding(ancestors);
    if (response && isOkChecked(response.name, response.scope)) return;
    const statement = j(path).closest(j.Statement);
    if (statement.length === 0) return;
    const node = statement.get().node as { type: string; end: number };
    if (response !== null && node.type === 'VariableDeclaration' && Array.isArray(statement.get().parent?.node?.body)) {
      const semicolon = file.source[node.end - 1] === ';' ? ';' : '';
      const name = response.name;
      edits.insert(
        node.end,
        `\n${edits.indentAt(node.end)}if (!${name}.ok) throw new Error(\`${url.host} answered \${${name}.status} \${${name}.statusText}\`)${semicolon}`,
      );
      return;
    }
    const start = statementStart(j, path);
    if (start !== null) edits.todoAbove(start, TODO);
  });

  return edits.changed ? edits.apply() : undefined;
}
