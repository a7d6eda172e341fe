import { prisma } from '@/lib/prisma';

export async function GET(req: Request) {
  if (req.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) {
    return new Response('Unauthorized', { status: 401 });
  }
  await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });
  return new Response(null, { status: 204 });
}
