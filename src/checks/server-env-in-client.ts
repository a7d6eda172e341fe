import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { inClientCode, inPageDataFunction, type ClientCodeFact } from '../analysis/client-graph.ts';
import { isNextConfigFile, propertyName } from '../engine/ast.ts';
import { PUBLIC_ENV_PREFIX, RUNTIME_VARIABLES, envDestructured, envRead } from '../analysis/env-reads.ts';
import { secretByName } from '../secrets/secret-shapes.ts';
import { packageFor } from '../project/packages.ts';
import type { Project } from '../project/types.ts';

interface ServerEnvRead extends ClientCodeFact {
  name: string;
}

/** `next.config` `env` entries are inlined into the bundle like public variables. */
interface ConfigEnvEntry {
  configEnv: string;
}

function publicPrefixFor(project: Project, file: string): string {
  const pkg = packageFor(project.packages, file);
  const all = { ...pkg?.dependencies, ...pkg?.devDependencies };
  if ('next' in all) return 'NEXT_PUBLIC_';
  if ('expo' in all) return 'EXPO_PUBLIC_';
  if ('react-scripts' in all) return 'REACT_APP_';
  return 'VITE_';
}

export default defineCheck({
  meta: {
    id: 'server-env-in-client',
    title: 'Server-only environment variable read in browser code',
    severity: 'high',
    category: 'secrets',
    messages: {
      undefinedInBrowser:
        '{{variable}} is undefined in the browser: only {{prefix}} variables reach client code. Read it on the server and pass the value down, or rename it {{prefix}}{{variable}} if it is not secret. Client code because: {{chain}}',
    },
    docs: 'Only public-prefixed variables (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`) are copied into the browser bundle; any other variable is `undefined` there, so the feature works in development on the server and breaks for every visitor. Read it in server code and pass the value down, or, if it is not a secret, give it the public prefix. (Secret variables are reported by `secret-in-client-code`.)',
    prefilter: ['process.env', 'import.meta.env'],
    fix: null,
    clientGraph: true,
    finds:
      "browser code that reads a variable without the public prefix (not a secret: those are `secret-in-client-code`'s), which is `undefined` there; `next.config` `env` entries and platform variables don't count",
    sources: [
      {
        title: 'Next.js: bundling environment variables for the browser',
        url: 'https://nextjs.org/docs/app/guides/environment-variables#bundling-environment-variables-for-the-browser',
      },
    ],
  },
  check(ctx) {
    const file = ctx.file.path;
    const record = (name: string, node: Node, ancestors: readonly Node[]) => {
      if (PUBLIC_ENV_PREFIX.test(name) || RUNTIME_VARIABLES.test(name) || secretByName(name)) return;
      const read: ServerEnvRead = {
        name,
        file,
        line: node.loc!.start.line,
        column: node.loc!.start.column + 1,
        serverSide: inPageDataFunction(ancestors),
      };
      ctx.collect(read);
    };
    return {
      MemberExpression(node, ancestors) {
        const name = envRead(node);
        if (name) record(name, node, ancestors);
      },
      VariableDeclarator(node, ancestors) {
        for (const read of envDestructured(node)) record(read.name, read.node, ancestors);
      },
      ObjectProperty(node, ancestors) {
        if (!isNextConfigFile(file)) return;
        const owner = ancestors.at(-2);
        if (owner?.type !== 'ObjectProperty' || propertyName(owner) !== 'env') return;
        const name = propertyName(node);
        if (name) ctx.collect({ configEnv: name } satisfies ConfigEnvEntry);
      },
    };
  },
  finish(ctx) {
    const inlined = new Set(ctx.facts.flatMap((fact) => ('configEnv' in (fact as object) ? [(fact as ConfigEnvEntry).configEnv] : [])));
    const reads = ctx.facts.filter((fact) => 'name' in (fact as object) && !inlined.has((fact as ServerEnvRead).name));
    for (const { fact, chain } of inClientCode<ServerEnvRead>(ctx.project, reads)) {
      ctx.report({
        file: fact.file,
        loc: { line: fact.line, column: fact.column },
        messageId: 'undefinedInBrowser',
        data: { variable: fact.name, chain, prefix: publicPrefixFor(ctx.project, fact.file) },
      });
    }
  },
});
