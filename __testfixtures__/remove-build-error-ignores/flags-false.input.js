module.exports = {
  typescript: { ignoreBuildErrors: false },
  eslint: { ignoreDuringBuilds: process.env.CI === 'true' },
};
