const settings = { ignoreBuildErrors: true, ignoreDuringBuilds: true };
const lint = { rules: { ignoreDuringBuilds: true } };

export default { settings, lint };
