/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['plyr-react'],
};

export default nextConfig;
