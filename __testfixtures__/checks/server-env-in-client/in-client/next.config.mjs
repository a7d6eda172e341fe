export default { env: { SUPPORT_EMAIL: process.env.SUPPORT_EMAIL } };
