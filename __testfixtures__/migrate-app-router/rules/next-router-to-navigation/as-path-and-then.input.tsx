import Link from 'next/link';
import { useRouter, type NextRouter } from 'next/router';

function goHome(router: NextRouter) {
  router.push('/');
}

function backTo(router: NextRouter) {
  return router.query.from;
}

export function NavItem({ href, label }: { href: string; label: string }) {
  const active = useRouter().asPath === href;
  return <Link href={href} className={active ? 'active' : ''}>{label}</Link>;
}

export default function Settings() {
  const router = useRouter();
  const save = async () => {
    router.push('/done').then(() => window.scrollTo(0, 0));
    router.replace('/settings').then(() => {
      console.log('saved');
    });
  };
  return (
    <div>
      <button onClick={save}>Save</button>
      <button onClick={() => goHome(router)}>Home</button>
      <span>{backTo(router)}</span>
    </div>
  );
}
