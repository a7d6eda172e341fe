export const version = `${process.env.VERSION} (${process.env.BUILD_CHANNEL})`;
