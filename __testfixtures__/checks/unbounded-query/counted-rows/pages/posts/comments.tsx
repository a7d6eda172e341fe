import type { GetServerSideProps } from 'next';
import { prisma } from '@/lib/prisma';

export const getServerSideProps: GetServerSideProps = async ({ params }) => {
  const comments = await prisma.comment.findMany({ where: { postId: String(params?.id) } });
  return { props: { commentCount: comments.length } };
};

export default function Comments({ commentCount }: { commentCount: number }) {
  return <p>{commentCount} comments</p>;
}
