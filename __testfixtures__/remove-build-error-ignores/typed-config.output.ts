import type { NextConfig } from 'next';

const config: NextConfig = {
  typescript: {
    tsconfigPath: './tsconfig.build.json',
  },
  experimental: { typedRoutes: true },
};

export default config;
