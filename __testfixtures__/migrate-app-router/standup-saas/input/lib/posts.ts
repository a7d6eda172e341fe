import fs from 'fs';
import path from 'path';
import { parseFrontMatter, renderMarkdown } from './markdown';

const POSTS_DIR = path.join(process.cwd(), 'content', 'blog');

export type PostSummary = { slug: string; title: string; date: string; excerpt: string };
export type Post = PostSummary & { html: string };

export function listPostSlugs(): string[] {
  return fs
    .readdirSync(POSTS_DIR)
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.replace(/\.md$/, ''));
}

export function getPost(slug: string): Post | null {
  const file = path.join(POSTS_DIR, `${slug}.md`);
  if (!fs.existsSync(file)) return null;
  const { data, body } = parseFrontMatter(fs.readFileSync(file, 'utf8'));
  return { slug, title: data.title ?? slug, date: data.date ?? '', excerpt: data.excerpt ?? '', html: renderMarkdown(body) };
}

export function listPosts(): PostSummary[] {
  return listPostSlugs()
    .map((slug) => getPost(slug))
    .filter((post): post is Post => post !== null)
    .map(({ html: _html, ...summary }) => summary)
    .sort((a, b) => b.date.localeCompare(a.date));
}
