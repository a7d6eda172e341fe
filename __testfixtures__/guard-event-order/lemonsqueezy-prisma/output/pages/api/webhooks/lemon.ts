import crypto from 'crypto';
import type { NextApiRequest, NextApiResponse } from 'next';
import getRawBody from 'raw-body';
import { prisma } from '../../../lib/prisma';

export const config = { api: { bodyParser: false } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const raw = await getRawBody(req);
  const hmac = crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!);
  const digest = Buffer.from(hmac.update(raw).digest('hex'), 'utf8');
  const signature = Buffer.from(String(req.headers['x-signature'] ?? ''), 'utf8');
  if (digest.length !== signature.length || !crypto.timingSafeEqual(digest, signature)) return res.status(401).end();

  const event = JSON.parse(raw.toString());
  if (event.meta.event_name === 'subscription_updated') {
    await prisma.subscription.updateMany({
      where: { lemonSqueezyId: String(event.data.id), OR: [{ lastEventAt: null }, { lastEventAt: { lt: new Date(event.data.attributes.updated_at) } }] },
      data: { status: event.data.attributes.status, renewsAt: new Date(event.data.attributes.renews_at), lastEventAt: new Date(event.data.attributes.updated_at) },
    });
  }
  if (event.meta.event_name === 'subscription_expired') {
    // TODO(shipshape): an older event can arrive after a newer one: set last_event_at to event.data.attributes.updated_at and write only where it is null or older (the updated row is used: `updateMany`, which can filter on the event time, returns a count)
    const subscription = await prisma.subscription.update({
      where: { lemonSqueezyId: String(event.data.id) },
      data: { status: 'expired' },
    });
    console.log('expired', subscription.id, event.data.attributes.status);
  }
  res.status(200).json({ received: true });
}
