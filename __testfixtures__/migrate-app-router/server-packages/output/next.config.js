/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  serverExternalPackages: ['chrome-aws-lambda'],
};

module.exports = nextConfig;
