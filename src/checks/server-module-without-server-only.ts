import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { clientGraph, onlyInAppRouterServerCode } from '../engine/client-graph.ts';
import { envDestructured, envRead } from '../engine/env-reads.ts';
import { secretByName } from '../engine/secret-shapes.ts';
import { SERVER_SDKS, mayUseServerSecret } from '../engine/server-sdks.ts';

interface SecretModule {
  file: string;
  line: number;
  column: number;
  what: string;
}

export default defineCheck({
  meta: {
    id: 'server-module-without-server-only',
    title: 'Module with a secret is not marked server-only',
    severity: 'low',
    category: 'secrets',
    docs: "A module that reads a secret or builds a server SDK client is safe today because only server code imports it. One import from a client component tomorrow would put it in the browser bundle, silently. `import 'server-only'` turns that mistake into a build error.",
    prefilter: (text) => !/['"]server-only['"]|['"]use server['"]/.test(text) && mayUseServerSecret(text),
    fix: 'add-server-only',
  },
  check(ctx) {
    let reported = false;
    const record = (what: string, node: Node) => {
      if (reported) return;
      reported = true;
      ctx.collect({ file: ctx.file.path, line: node.loc!.start.line, column: node.loc!.start.column + 1, what } satisfies SecretModule);
    };
    return {
      ImportDeclaration(node) {
        if (node.type !== 'ImportDeclaration' || node.importKind === 'type') return;
        const sdk = SERVER_SDKS.find(([pattern]) => pattern.test(node.source.value));
        if (sdk) record(`the ${sdk[1]}`, node);
      },
      MemberExpression(node) {
        const name = envRead(node);
        if (name && secretByName(name)) record(name, node);
      },
      VariableDeclarator(node) {
        for (const read of envDestructured(node)) if (secretByName(read.name)) record(read.name, read.node);
      },
    };
  },
  finish(ctx) {
    for (const fact of (ctx.facts as SecretModule[]).sort((a, b) => a.file.localeCompare(b.file))) {
      if (clientGraph(ctx.project).importers(fact.file).length === 0 || !onlyInAppRouterServerCode(ctx.project, [fact.file])) continue;
      ctx.report({
        file: fact.file,
        loc: { line: fact.line, column: fact.column },
        message: `${fact.file} uses ${fact.what} and only server code imports it today: add \`import 'server-only'\` so an import from a client component fails the build instead of shipping it to the browser.`,
        data: { what: fact.what },
      });
    }
  },
});
