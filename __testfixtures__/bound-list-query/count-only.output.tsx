import type { GetServerSideProps } from 'next';
import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
import { supabase } from '@/lib/supabase';

export const getServerSideProps: GetServerSideProps = async ({ params }) => {
  const comments = await prisma.comment.count({ where: { postId: String(params?.id) } });
  return { props: { commentCount: comments } };
};

export async function GET(request: Request) {
  const post = new URL(request.url).searchParams.get('post');
  const { count: likes, error } = await supabase.from('likes').select('id', { count: 'exact', head: true }).eq('post_id', post);
  if (error) return NextResponse.json({ error: error.message }, { status: 500 });
  return NextResponse.json({ likes: likes ?? 0 });
}

export async function followers(pool: { query(text: string, values: unknown[]): Promise<{ rows: any[] }> }, user: string) {
  const result = await pool.query('SELECT count(*)::int AS count FROM follows WHERE followee_id = $1', [user]);
  return NextResponse.json({ followers: result.rows[0].count });
}
