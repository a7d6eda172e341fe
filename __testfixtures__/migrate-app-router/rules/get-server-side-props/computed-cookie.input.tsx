import type { GetServerSideProps } from 'next';
import { readSession, SESSION_COOKIE, TRACE_HEADER } from '../../lib/session';

export const getServerSideProps: GetServerSideProps<{ name: string; trace: string | null }> = async ({ req }) => {
  const session = readSession(req.cookies[SESSION_COOKIE]);
  if (!session) return { redirect: { destination: '/login', permanent: false } };
  return { props: { name: session.name, trace: req.headers[TRACE_HEADER] ?? null } };
};

export default function Account({ name, trace }: { name: string; trace: string | null }) {
  return <p title={trace ?? ''}>{name}</p>;
}
