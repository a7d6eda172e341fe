import { pool } from '../../lib/db'

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const SORTS = { newest: 'created_at', name: '"name"' }
const TABLE = 'schedule'

export default async function handler(req, res) {
  const column = MONTHS[+req.body.month - 1]
  const direction = req.query.desc === '1' ? 'DESC' : 'ASC'
  const { rows } = await pool.query(`select ${column} from ${TABLE} where nikname = $1 order by ${SORTS[req.query.sort]} ${direction}`, [req.body.nikname])
  await pool.query('update ' + TABLE + ' set ' + column + ' = $2 where nikname = $1', [req.body.nikname, rows[0][column]])
  res.json(rows)
}
