import Stripe from "stripe"
import { createClient } from "@supabase/supabase-js"

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)
const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY)

export async function POST(req) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature"), process.env.STRIPE_WEBHOOK_SECRET)
  if (event.type === "customer.subscription.deleted") {
    const subscription = event.data.object
    await supabase.from("subscriptions").upsert({ id: subscription.id, status: subscription.status })
  }
  return new Response("ok")
}
