export default async function handler() {
  // shipshape-ignore fetch-without-timeout -- the upstream streams for minutes by design
  const upstream = await fetch('https://stream.example.com/events');
  return upstream.body;
}
