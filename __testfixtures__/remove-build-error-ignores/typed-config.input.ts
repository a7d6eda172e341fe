import type { NextConfig } from 'next';

const config: NextConfig = {
  typescript: { ignoreBuildErrors: true, tsconfigPath: './tsconfig.build.json' },
  experimental: { typedRoutes: true },
};

export default config;
