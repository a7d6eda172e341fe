import { defineCheck } from './define.ts';
import { isNextConfigFile } from '../engine/ast.ts';
import { collectEnvReads, nextConfigEnvEntry, reportReadsMissingFrom, type NextConfigEnvEntry } from '../analysis/env-reads.ts';

export default defineCheck({
  meta: {
    id: 'env-var-undefined',
    title: 'Environment variable read but defined nowhere',
    severity: 'medium',
    category: 'config',
    messages: {
      definedNowhere:
        '{{variable}} is read here but no env file, template or next.config `env` entry defines it: it is undefined unless the host sets it.',
    },
    docs: 'The code reads a variable that no `.env*` file, template or `next.config` `env` entry defines, so it is `undefined` on a fresh clone and, unless someone sets it on the host, in production too. Define it (and document it in `.env.example`), or stop reading it.',
    prefilter: (text, _project, file) =>
      text.includes('process.env') || text.includes('import.meta.env') || (isNextConfigFile(file) && /\benv\s*:/.test(text)),
    fix: 'generate-env-example',
    finds:
      "a variable the code reads (`process.env.X`, `process.env['X']`, `import.meta.env.X`, `const { X } = process.env`) that no env file or template defines, nor a `next.config` `env` entry (`env: { VERSION: pkg.version }`; one that only passes on `process.env.X` defines nothing); variables the platform sets (`NODE_ENV`, `VERCEL_*`, `PORT`, …) don't count. Reported once, at its first read",
    sources: [
      { title: 'Next.js: environment variables', url: 'https://nextjs.org/docs/app/guides/environment-variables' },
      { title: 'Next.js: next.config.js env', url: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/env' },
    ],
  },
  check(ctx) {
    const file = ctx.file.path;
    return {
      ...collectEnvReads(file, (read) => ctx.collect(read)),
      ObjectProperty(node, ancestors) {
        const name = nextConfigEnvEntry(file, node, ancestors);
        if (name) ctx.collect({ nextConfigEnv: name } satisfies NextConfigEnvEntry);
      },
    };
  },
  finish(ctx) {
    const fromConfig = ctx.facts.flatMap((fact) =>
      (fact as NextConfigEnvEntry).nextConfigEnv ? [(fact as NextConfigEnvEntry).nextConfigEnv] : [],
    );
    const defined = new Set([...ctx.project.envFiles.flatMap((env) => env.variables.map((v) => v.name)), ...fromConfig]);
    reportReadsMissingFrom(ctx, defined, 'definedNowhere');
  },
});
