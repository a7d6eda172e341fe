export default async function stars() {
  const response = await fetch('https://api.github.com/repos/vercel/next.js', { headers: { Accept: 'application/vnd.github+json' } });
  if (!response?.ok) return null;
  return response.json();
}
