import Link from 'next/link';
import type { AppRouterInstance } from 'next/dist/shared/lib/app-router-context.shared-runtime';
import { useRouter, usePathname } from 'next/navigation';

function goHome(router: AppRouterInstance) {
  router.push('/');
}

// TODO(shipshape): `router.query`: the App Router's router only navigates, so these read undefined here: pass the values of `usePathname` and `useSearchParams` from the calling component to this helper instead
function backTo(
  router: AppRouterInstance & { query?: Record<string, string | string[] | undefined> }
) {
  return router.query?.from;
}

export function NavItem({ href, label }: { href: string; label: string }) {
  const pathname = usePathname() ?? '';
  const active = pathname === href;
  return <Link href={href} className={active ? 'active' : ''}>{label}</Link>;
}

export default function Settings() {
  const router = useRouter();
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
      <span>{backTo(router)}</span>
    </div>
  );
}
