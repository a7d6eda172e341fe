import twilio from 'twilio';

const client = twilio(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);

export async function POST(req: Request) {
  const { to, body } = await req.json();
  await client.messages.create({ to, from: process.env.TWILIO_FROM, body });
  return Response.json({ sent: true });
}
