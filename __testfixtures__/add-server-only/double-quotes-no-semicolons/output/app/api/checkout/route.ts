import { stripe } from "../../../lib/stripe"

export async function POST() {
  const session = await stripe.checkout.sessions.create({ mode: "payment" })
  return Response.json({ url: session.url })
}
