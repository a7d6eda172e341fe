import { pool } from '../../lib/db'

const MONTHS = ['january', 'february', 'march']
const COLUMNS = ['a', 'b']
COLUMNS.push(process.argv[2])

export default async function handler(req, res) {
  let column = MONTHS[+req.body.month - 1]
  if (req.body.column) column = req.body.column
  const { sort } = req.query
  const direction = req.query.desc ? 'DESC' : req.query.direction
  await pool.query(`select ${column} from schedule`)
  await pool.query(`select id from schedule order by ${sort}`)
  await pool.query(`select id from schedule order by id ${direction}`)
  await pool.query(`select ${COLUMNS[req.body.i]} from schedule`)
  res.json(await pick(req.body.field))
}

const field = 'name'

async function pick(field) {
  return pool.query(`select ${field} from schedule`)
}
