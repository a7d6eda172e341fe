import { notFound } from 'next/navigation';
import AccountLayout from '../components/account-layout';

async function getPageProps() {
  const user = await fetch('https://api.example.com/me').then((r) => r.json());
  if (!user) return { notFound: true };
  return { props: { user } };
}

function Account({ user }) {
  return <p>{user.name}</p>;
}

export default async function Page() {
  const result = await getPageProps();
  if ('notFound' in result) notFound();
  return <AccountLayout><Account {...result.props} /></AccountLayout>;
}
