import type { NextConfig } from 'next';
const config: NextConfig = {
  typescript: { ignoreBuildErrors: false },
  eslint: { ignoreDuringBuilds: process.env.SKIP_LINT === '1' },
};
export default config;
