import { defineCheck } from './define.ts';
import { BUILD_ERROR_IGNORE_TEXT } from '../../transforms/meta/remove-build-error-ignores.ts';
import { isNextConfigFile, propertyName } from '../engine/ast.ts';

const IGNORE_FLAGS: Record<string, string> = {
  ignoreBuildErrors: 'typescript',
  ignoreDuringBuilds: 'eslint',
};

export default defineCheck({
  meta: {
    id: 'next-config-ignores-build-errors',
    title: 'next.config hides type or lint errors from the build',
    severity: 'high',
    category: 'build',
    messages: {
      ignoresTypeErrors: '`{{tool}}.{{flag}}: true` lets `next build` succeed with type errors.',
      ignoresLintErrors: '`{{tool}}.{{flag}}: true` lets `next build` succeed with lint errors.',
    },
    docs: 'With `typescript.ignoreBuildErrors` or `eslint.ignoreDuringBuilds` set to true, `next build` ships code that does not type-check, and the errors surface in production instead. Remove the flags and fix what the build then reports.',
    prefilter: BUILD_ERROR_IGNORE_TEXT,
    files: isNextConfigFile,
    fix: 'remove-build-error-ignores',
    finds: '`typescript.ignoreBuildErrors` or `eslint.ignoreDuringBuilds` set to `true` in `next.config.*`',
    sources: [
      {
        title: 'Next.js: next.config.js typescript (ignoreBuildErrors)',
        url: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/typescript',
      },
      {
        title: 'Next.js: next.config.js eslint (ignoreDuringBuilds)',
        url: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/eslint',
      },
    ],
  },
  check(ctx) {
    return {
      ObjectProperty(property, ancestors) {
        const flag = propertyName(property);
        if (!flag || !(flag in IGNORE_FLAGS)) return;
        if (property.value.type !== 'BooleanLiteral' || !property.value.value) return;
        const parent = ancestors[ancestors.length - 2];
        if (parent?.type !== 'ObjectProperty' || propertyName(parent) !== IGNORE_FLAGS[flag]) return;
        ctx.report({
          node: property,
          messageId: flag === 'ignoreBuildErrors' ? 'ignoresTypeErrors' : 'ignoresLintErrors',
          data: { tool: IGNORE_FLAGS[flag], flag },
        });
      },
    };
  },
});
