import { defineProjectCheck } from './define.ts';
import { isEnvTemplate } from '../project/env-files.ts';

export default defineProjectCheck({
  meta: {
    id: 'env-file-not-ignored',
    title: 'Env file with secrets is not git-ignored',
    severity: 'high',
    category: 'secrets',
    messages: {
      committed:
        '{{envFile}} is committed to git, so its values are in the history: untrack it with `git rm --cached {{envFile}}` and rotate every secret it holds.',
      notIgnored: '{{envFile}} is not covered by .gitignore: the next `git add .` commits its {{variables}} variable(s).',
    },
    docs: 'Env files hold API keys and database passwords. One not covered by .gitignore is committed by the next `git add .`, and every clone and fork of the repository gets the secrets. Add the pattern to .gitignore; if the file was already committed, remove it from the index and rotate the secrets it held.',
    fix: 'ignore-env-files',
  },
  check(ctx) {
    for (const env of ctx.project.envFiles) {
      if (isEnvTemplate(env.path)) continue;
      if (env.ignored && !env.tracked) continue;
      ctx.report({
        file: env.path,
        wholeFile: true,
        messageId: env.tracked ? 'committed' : 'notIgnored',
        data: { envFile: env.path, tracked: env.tracked, ignored: env.ignored, variables: env.variables.length },
        ...(env.tracked && env.variables.some((v) => v.secret)
          ? { rotate: { key: `the secrets in ${env.path}`, why: 'the file is committed, so its values are in the git history' } }
          : {}),
      });
    }
  },
});
