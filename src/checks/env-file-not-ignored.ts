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
    finds: 'a `.env*` file (other than templates such as `.env.example`) that `.gitignore` does not cover, or that git already tracks',
    sources: [
      { title: 'Next.js: environment variables', url: 'https://nextjs.org/docs/app/guides/environment-variables' },
      { title: 'git: gitignore', url: 'https://git-scm.com/docs/gitignore' },
      {
        title: 'GitHub: removing sensitive data from a repository',
        url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
      },
    ],
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
