import Stripe from "stripe"
import postgres from "postgres"

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)
const sql = postgres(process.env.DATABASE_URL)

export async function POST(request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get("stripe-signature"), process.env.STRIPE_WEBHOOK_SECRET)

  if (event.type === "checkout.session.completed") {
    const session = event.data.object
    await sql`insert into orders (session_id, email) values (${session.id}, ${session.customer_details.email})`
  }

  return new Response("ok")
}
