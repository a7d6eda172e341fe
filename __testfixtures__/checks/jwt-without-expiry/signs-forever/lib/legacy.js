const { sign } = require('jsonwebtoken');
const jose = require('jose');

function issue(user, callback) {
  sign({ id: user.id }, process.env.JWT_SECRET, callback);
}

async function issueJose(user, key) {
  return await new jose.SignJWT({ id: user.id }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

module.exports = { issue, issueJose };
