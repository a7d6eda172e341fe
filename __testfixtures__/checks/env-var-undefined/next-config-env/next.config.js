/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  env: {
    VERSION: require('./package.json').version,
    'BUILD_CHANNEL': 'stable',
  },
};

module.exports = nextConfig;
