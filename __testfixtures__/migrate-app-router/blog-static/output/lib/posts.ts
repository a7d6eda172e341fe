export interface Post {
  slug: string;
  title: string;
  excerpt: string;
  tags: string[];
}

const posts: Post[] = [
  { slug: 'hello', title: 'Hello', excerpt: 'The first post.', tags: ['news'] },
  { slug: 'launch', title: 'We launched', excerpt: 'It is live.', tags: ['news', 'product'] },
];

export async function listPosts(): Promise<Post[]> {
  return posts;
}

export async function getPost(slug: string): Promise<Post | null> {
  return posts.find((post) => post.slug === slug) ?? null;
}
