import { stripe } from "../../lib/stripe"
import { pool } from "../../lib/db"

export default async function Billing() {
  const { data } = await stripe.invoices.list({ limit: 10 })
  const { rows } = await pool.query("select count(*) from customers")
  return (
    <p>
      {data.length} invoices, {rows[0].count} customers
    </p>
  )
}
