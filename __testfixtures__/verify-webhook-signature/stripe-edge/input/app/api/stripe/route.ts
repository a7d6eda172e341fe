export const runtime = 'edge';

export async function POST(request: Request) {
  const event = await request.json();
  if (event.type === 'invoice.paid') console.log('paid', event.data.object.id);
  return new Response('ok');
}
