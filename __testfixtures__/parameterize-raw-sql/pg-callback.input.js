const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

function findUser(name, done) {
  pool.query(`SELECT id, name FROM users WHERE name = '${name}'`, (err, result) => {
    if (err) return done(err);
    done(null, result.rows);
  });
}

function notesOf(owner, done) {
  pool.query('SELECT body FROM notes WHERE owner = ' + owner, function (err, result) {
    done(err, result && result.rows);
  });
}

function alreadySafe(id, done) {
  pool.query('SELECT * FROM tasks WHERE id = $1', [id], (err, result) => done(err, result && result.rows));
}

module.exports = { findUser, notesOf, alreadySafe };
