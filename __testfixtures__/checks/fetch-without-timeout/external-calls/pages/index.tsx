export default function Home({ stars }: { stars: number }) {
  return <p>{stars}</p>;
}

export async function getServerSideProps() {
  const repo = await fetch('https://api.github.com/repos/vercel/next.js', { signal: AbortSignal.timeout(5000) });
  const { stargazers_count } = await repo.json();
  return { props: { stars: stargazers_count } };
}

export function Client() {
  fetch('https://api.github.com/rate_limit');
  return null;
}
