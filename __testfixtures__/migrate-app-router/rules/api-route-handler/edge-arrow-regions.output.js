export const runtime = 'edge';
export const preferredRegion = ['iad1'];
const handler = request => new Response(`Hello ${new URL(request.url).searchParams.get('name')}`);
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
