// TODO(shipshape): `revalidate` differs between results or is computed: set `export const revalidate = <seconds>` (a literal) or `fetch(url, { next: { revalidate } })`
// TODO(shipshape): `preview` from the getStaticProps context: preview mode is Draft Mode: `(await draftMode()).isEnabled` from `next/headers`
async function loadHomeData({ preview }) {
  const posts = await fetch('https://api.example.com/posts').then((r) => r.json());
  return { props: { posts, preview: Boolean(preview) }, revalidate: process.env.REVALIDATE };
}

function Home({ posts }) {
  return posts.map((post) => <p key={post.id}>{post.title}</p>);
}

export default async function Page() {
  const result = await loadHomeData({ params: {} });
  return <Home {...result.props} />;
}
