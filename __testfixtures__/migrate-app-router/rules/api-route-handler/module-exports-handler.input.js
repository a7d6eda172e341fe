const { listPosts } = require('../../lib/posts');

function handler(req, res) {
  res.json(listPosts(req.query.tag));
}

module.exports = handler;
module.exports.config = { api: { bodyParser: false } };
