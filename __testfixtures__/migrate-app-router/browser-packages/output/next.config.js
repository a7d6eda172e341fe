/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  serverExternalPackages: ['plyr-react'],
};

module.exports = nextConfig;
