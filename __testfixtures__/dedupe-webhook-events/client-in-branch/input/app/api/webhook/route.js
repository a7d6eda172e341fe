import Stripe from "stripe"
import { createAdminClient } from "@/lib/supabase"

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)

export async function POST(req) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature"), process.env.STRIPE_WEBHOOK_SECRET)
  switch (event.type) {
    case "customer.subscription.created": {
      const db = createAdminClient()
      await db.from("subscriptions").insert({ id: event.data.object.id, user_id: event.data.object.metadata.userId })
      break
    }
  }
  return Response.json({ received: true })
}
