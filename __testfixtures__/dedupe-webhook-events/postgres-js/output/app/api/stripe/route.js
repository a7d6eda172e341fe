import Stripe from "stripe"
import postgres from "postgres"

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)
const sql = postgres(process.env.DATABASE_URL)

export async function POST(request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get("stripe-signature"), process.env.STRIPE_WEBHOOK_SECRET)
  const recorded = await sql`INSERT INTO webhook_events (id, provider, type) VALUES (${event.id}, ${"stripe"}, ${event.type}) ON CONFLICT DO NOTHING RETURNING id`
  if (recorded.length === 0) return new Response("duplicate event", { status: 200 })
  try {

    if (event.type === "checkout.session.completed") {
      const session = event.data.object
      await sql`insert into orders (session_id, email) values (${session.id}, ${session.customer_details.email})`
    }

    return new Response("ok")
  } catch (error) {
    await sql`DELETE FROM webhook_events WHERE id = ${event.id}`
    throw error
  }
}
