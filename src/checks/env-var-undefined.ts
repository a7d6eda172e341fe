import { defineCheck } from './define.ts';
import { collectEnvReads, reportReadsMissingFrom } from '../engine/env-reads.ts';

export default defineCheck({
  meta: {
    id: 'env-var-undefined',
    title: 'Environment variable read but defined nowhere',
    severity: 'medium',
    category: 'config',
    docs: 'The code reads a variable that no `.env*` file or template defines, so it is `undefined` on a fresh clone and, unless someone sets it on the host, in production too. Define it (and document it in `.env.example`), or stop reading it.',
    prefilter: ['process.env', 'import.meta.env'],
    fix: 'generate-env-example',
  },
  check(ctx) {
    return collectEnvReads(ctx.file.path, (read) => ctx.collect(read));
  },
  finish(ctx) {
    const defined = new Set(ctx.project.envFiles.flatMap((env) => env.variables.map((v) => v.name)));
    reportReadsMissingFrom(ctx, defined, (name) => `${name} is read here but no env file or template defines it: it is undefined unless the host sets it.`);
  },
});
