export const build = { typescript: { ignoreBuildErrors: true }, eslint: { ignoreDuringBuilds: true } };
