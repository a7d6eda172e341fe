import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
import { supabase } from '@/lib/supabase';
import { pool } from '@/lib/db';

export async function GET(request: Request) {
  const year = Number(new URL(request.url).searchParams.get('year'));
  const orders = await prisma.order.findMany({ where: { createdAt: { gte: new Date(year, 0, 1), lt: new Date(year + 1, 0, 1) } } });
  const revenue = orders.reduce((sum, order) => sum + order.amount, 0);
  const refunds = await prisma.refund.findMany({ where: { year } });
  let refunded = 0;
  for (const refund of refunds) refunded += refund.amount;
  return NextResponse.json({ revenue, refunded });
}

export default async function Feed({ ids }: { ids: string[] }) {
  const { data: posts } = await supabase.from('posts').select('*');
  const { data: authors } = await supabase.from('authors').select('*');
  const rows = (posts ?? []).map((post) => ({ ...post, author: authors?.find((author) => author.id === post.author_id) }));
  const picked = await prisma.post.findMany({ where: { id: { in: ids } } });
  const { data: tagged } = await supabase.from('tags').select('*').in('post_id', ids);
  const { rows: [owner] } = await pool.query('SELECT * FROM users WHERE users.id = $1', [ids[0]]);
  const latest = await prisma.post.findMany({ where: { published: true } });
  const newest = latest.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, 5);
  return (
    <main>
      <h1>{owner.name}</h1>
      <ul>{rows.map((row) => <li key={row.id}>{row.title} by {row.author?.name}</li>)}</ul>
      <ul>{picked.map((post) => <li key={post.id}>{post.title}</li>)}</ul>
      <ul>{tagged?.map((tag) => <li key={tag.id}>{tag.name}</li>)}</ul>
      <ul>{newest.map((post) => <li key={post.id}>{post.title}</li>)}</ul>
    </main>
  );
}

export async function sync() {
  const users = await prisma.user.findMany();
  await prisma.auditLog.createMany({ data: users.map((user) => ({ userId: user.id, action: 'sync' })) });
}
