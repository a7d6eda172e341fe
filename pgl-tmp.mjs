import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create();
for (const sql of ["create table t(x text)", "copy t from program 'id'", "copy (select 'hi') to '/tmp/pglite-wrote'", "select pg_read_file('/etc/hostname')", "copy t from '/etc/hostname'"]) {
  try { const r = await db.query(sql); console.log('OK', sql, JSON.stringify(r.rows).slice(0, 80)); } catch (e) { console.log('ERR', sql, e.message.slice(0, 100)); }
}
