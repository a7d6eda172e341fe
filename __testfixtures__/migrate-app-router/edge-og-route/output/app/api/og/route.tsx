import { ImageResponse } from '@vercel/og';

export const runtime = 'edge';

const font = fetch(new URL('../../../assets/Outfit-Regular.ttf', import.meta.url)).then((res) => res.arrayBuffer());

async function handler(request: Request) {
  const title = new URL(request.url).searchParams.get('title') ?? 'Watch now';
  return new ImageResponse(<div style={{ display: 'flex', fontSize: 60 }}>{title}</div>, {
    width: 1200,
    height: 630,
    fonts: [{ name: 'Outfit', data: await font, style: 'normal' }],
  });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
