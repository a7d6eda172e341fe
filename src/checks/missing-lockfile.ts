import { defineProjectCheck } from './define.ts';
import { installCommand } from '../project/packages.ts';

export default defineProjectCheck({
  meta: {
    id: 'missing-lockfile',
    title: 'No lockfile: every install resolves different versions',
    severity: 'medium',
    category: 'dependencies',
    messages: {
      noLockfile: '{{manifest}} declares {{count}} dependencies but no lockfile pins them: run `{{install}}` and commit the lockfile.',
      noLockfileInPackage:
        '{{manifest}} declares {{count}} dependencies but no lockfile pins them: run `{{install}}` in {{dir}} and commit the lockfile.',
    },
    docs: "Without package-lock.json (or yarn.lock, pnpm-lock.yaml, bun.lock) each install on the build server picks the newest versions the ranges allow, so a release of any dependency can break a deploy that worked yesterday. Run your package manager's install once and commit the lockfile it writes.",
    fix: null,
    finds: 'a package (or workspace root) with dependencies and no `package-lock.json`, `yarn.lock`, `pnpm-lock.yaml` or `bun.lock`',
    sources: [
      { title: 'npm: package-lock.json', url: 'https://docs.npmjs.com/cli/configuring-npm/package-lock-json' },
      { title: 'npm: npm ci', url: 'https://docs.npmjs.com/cli/commands/npm-ci' },
    ],
  },
  check(ctx) {
    for (const pkg of ctx.project.packages) {
      if (pkg.workspaceRoot !== null || pkg.lockfile) continue;
      const count = Object.keys(pkg.dependencies).length + Object.keys(pkg.devDependencies).length;
      if (count === 0) continue;
      const manifest = pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
      ctx.report({
        file: manifest,
        wholeFile: true,
        messageId: pkg.dir ? 'noLockfileInPackage' : 'noLockfile',
        data: { manifest, count, install: installCommand(pkg.packageManager), dir: pkg.dir },
      });
    }
  },
});
