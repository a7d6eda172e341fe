export const config = { runtime: 'experimental-edge', regions: ['iad1'] };

export default (request) => new Response(`Hello ${new URL(request.url).searchParams.get('name')}`);
