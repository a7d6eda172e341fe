export default { define: { secret: JSON.stringify(process.env.BUILD_TOKEN) } };
