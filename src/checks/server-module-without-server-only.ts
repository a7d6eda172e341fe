import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { clientGraph, onlyInAppRouterServerCode } from '../analysis/client-graph.ts';
import { envDestructured, envRead } from '../analysis/env-reads.ts';
import { secretByName } from '../secrets/secret-shapes.ts';
import { mayReadSecret, sdkOf } from '../analysis/server-sdks.ts';
import { screened } from '../engine/needles.ts';

const SERVER_ONLY_TEXT = screened(/['"]server-only['"]|['"]use server['"]/);

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
    messages: {
      notMarkedServerOnly:
        "{{file}} uses {{what}} and only server code imports it today: add `import 'server-only'` so an import from a client component fails the build instead of shipping it to the browser.",
    },
    docs: "A module that reads a secret or builds a server SDK client is safe today because only server code imports it. One import from a client component tomorrow would put it in the browser bundle, silently. `import 'server-only'` turns that mistake into a build error.",
    prefilter: (text) => !SERVER_ONLY_TEXT.test(text) && mayReadSecret(text),
    fix: 'add-server-only',
    clientGraph: true,
    finds:
      "a module (not a route or page) that reads a secret variable or imports a server SDK, has no `import 'server-only'` or `'use server'`, and is imported only by App Router server code: safe today, shipped to the browser by the first client component that imports it",
    sources: [
      {
        title: 'Next.js: preventing environment poisoning (server-only)',
        url: 'https://nextjs.org/docs/app/getting-started/server-and-client-components#preventing-environment-poisoning',
      },
    ],
  },
  check(ctx) {
    let reported = false;
    const record = (what: string, node: Node) => {
      if (reported) return;
      reported = true;
      ctx.collect({ file: ctx.file.path, line: node.loc!.start.line, column: node.loc!.start.column + 1, what } satisfies SecretModule);
    };
    return {
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
    const graph = clientGraph(ctx.project);
    const found = new Map((ctx.facts as SecretModule[]).map((fact) => [fact.file, fact]));
    // SDK imports come from the scan's text pass: no file is parsed for them.
    for (const file of ctx.project.files) {
      const moduleInfo = graph.moduleFacts(file);
      if (!moduleInfo || moduleInfo.directive === 'server' || moduleInfo.serverOnly) continue;
      for (const { specifier, line, column } of moduleInfo.imports) {
        const sdk = sdkOf(specifier);
        if (!sdk) continue;
        const earlier = found.get(file);
        if (!earlier || line < earlier.line) found.set(file, { file, line, column, what: `the ${sdk}` });
        break;
      }
    }
    for (const fact of [...found.values()].sort((a, b) => a.file.localeCompare(b.file))) {
      if (clientGraph(ctx.project).importers(fact.file).length === 0 || !onlyInAppRouterServerCode(ctx.project, [fact.file])) continue;
      ctx.report({
        file: fact.file,
        loc: { line: fact.line, column: fact.column },
        messageId: 'notMarkedServerOnly',
        data: { what: fact.what, file: fact.file },
      });
    }
  },
});
