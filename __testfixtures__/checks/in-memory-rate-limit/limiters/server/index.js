const express = require('express');
const app = express();

// Rate limiting map (simple in-memory implementation)
const rateLimitMap = new Map();

app.use((req, res, next) => {
  const hits = (rateLimitMap.get(req.ip) || 0) + 1;
  rateLimitMap.set(req.ip, hits);
  if (hits > 100) return res.status(429).send('Too many requests');
  next();
});

app.listen(3000);
