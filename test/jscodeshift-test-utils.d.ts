declare module 'jscodeshift/src/testUtils.js' {
  export function applyTransform(
    module: { default: unknown; parser?: string },
    options: Record<string, unknown>,
    input: { path?: string; source: string },
    testOptions?: { parser?: string },
  ): string;
}
