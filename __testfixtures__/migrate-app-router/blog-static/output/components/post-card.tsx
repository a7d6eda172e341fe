import Link from 'next/link';
import type { Post } from '../lib/posts';

export function PostCard({ post }: { post: Post }) {
  return (
    <li>
      <Link href={`/blog/${post.slug}`}>{post.title}</Link>
      <p>{post.excerpt}</p>
    </li>
  );
}
