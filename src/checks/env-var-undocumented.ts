import { defineCheck } from './define.ts';
import { collectEnvReads, reportReadsMissingFrom } from '../analysis/env-reads.ts';
import { isEnvTemplate } from '../project/env-files.ts';

export default defineCheck({
  meta: {
    id: 'env-var-undocumented',
    title: 'Environment variable missing from .env.example',
    severity: 'low',
    category: 'config',
    messages: { missingFromTemplate: '{{variable}} is set in an env file but no env template (.env.example) lists it.' },
    docs: '`.env.example` is how the next developer, and the next deploy, learn which variables the app needs. A variable the code reads but the template leaves out is found only when something breaks. List every variable, without its value. A variable that no env file defines at all is reported once, by `env-var-undefined`.',
    prefilter: ['process.env', 'import.meta.env'],
    fix: 'generate-env-example',
    finds:
      "a variable the code reads that an env file sets but `.env.example` does not list (one that no env file defines is `env-var-undefined`'s finding, so each variable and place is reported once)",
    sources: [{ title: 'Next.js: environment variables', url: 'https://nextjs.org/docs/app/guides/environment-variables' }],
  },
  check(ctx) {
    return collectEnvReads(ctx.file.path, (read) => ctx.collect(read));
  },
  finish(ctx) {
    const documented = new Set(
      ctx.project.envFiles.filter((env) => isEnvTemplate(env.path)).flatMap((env) => env.variables.map((v) => v.name)),
    );
    // A variable no env file defines is env-var-undefined's finding, at the same read: one finding says it.
    const definedNowhere = (name: string) => !ctx.project.envFiles.some((env) => env.variables.some((v) => v.name === name));
    reportReadsMissingFrom(ctx, documented, 'missingFromTemplate', definedNowhere);
  },
});
