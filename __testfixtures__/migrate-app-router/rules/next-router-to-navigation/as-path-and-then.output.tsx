import Link from 'next/link';
import type { AppRouterInstance } from 'next/dist/shared/lib/app-router-context.shared-runtime';
import { useRouter, useParams, usePathname, useSearchParams } from 'next/navigation';

function goHome(router: AppRouterInstance) {
  router.push('/');
}

function backTo(router: AppRouterInstance & { query: Record<string, string | string[] | undefined> }) {
  return router.query.from;
}

export function NavItem({ href, label }: { href: string; label: string }) {
  const pathname = usePathname() ?? '';
  const active = pathname === href;
  return <Link href={href} className={active ? 'active' : ''}>{label}</Link>;
}

export default function Settings() {
  const router = useRouter();
  const params = useParams() ?? {};
  const searchParams = useSearchParams();

  const query = {
    ...Object.fromEntries(searchParams?.entries() ?? []),
    ...params
  };

  const save = async () => {
    router.push('/done');
    window.scrollTo(0, 0);
    router.replace('/settings');
    console.log('saved');
  };
  return (
    <div>
      <button onClick={save}>Save</button>
      <button onClick={() => goHome(router)}>Home</button>
      <span>{backTo({
        ...router,
        query
      })}</span>
    </div>
  );
}
