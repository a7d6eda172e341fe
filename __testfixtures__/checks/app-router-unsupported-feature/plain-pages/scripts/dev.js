const next = require('next/dist/bin/next');

console.log(typeof next);
