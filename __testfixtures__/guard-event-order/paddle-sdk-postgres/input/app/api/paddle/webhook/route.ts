import { Environment, EventName, Paddle } from '@paddle/paddle-node-sdk';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!);
const paddle = new Paddle(process.env.PADDLE_API_KEY!, { environment: Environment.sandbox });

export async function POST(req: Request) {
  const signature = req.headers.get('paddle-signature') ?? '';
  const body = await req.text();
  const eventData = await paddle.webhooks.unmarshal(body, process.env.PADDLE_WEBHOOK_SECRET!, signature);
  switch (eventData.eventType) {
    case EventName.SubscriptionUpdated:
      await sql`UPDATE subscriptions SET status = ${eventData.data.status} WHERE paddle_id = ${eventData.data.id}`;
      break;
  }
  return Response.json({ ok: true });
}
