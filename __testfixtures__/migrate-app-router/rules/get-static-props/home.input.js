export async function getStaticProps({ preview }) {
  const posts = await fetch('https://api.example.com/posts').then((r) => r.json());
  return { props: { posts, preview: Boolean(preview) }, revalidate: process.env.REVALIDATE };
}

export default function Home({ posts }) {
  return posts.map((post) => <p key={post.id}>{post.title}</p>);
}
