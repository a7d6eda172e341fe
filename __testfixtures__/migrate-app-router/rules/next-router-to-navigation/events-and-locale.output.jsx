import { useEffect } from 'react';
import { pageview } from '../lib/analytics';
import { useRouter, usePathname, useSearchParams } from 'next/navigation';

export function Analytics() {
  const router = useRouter();
  const pathname = usePathname() ?? '';
  const searchParams = useSearchParams();
  useEffect(() => {
    // TODO(shipshape): `router.locale`: there is no built-in i18n in the App Router: read the locale from a `[lang]` segment
    const handleRouteChange = (url) => pageview(url, router.locale);
    handleRouteChange(searchParams?.size ? `${pathname}?${searchParams}` : pathname);
  }, [pathname, searchParams]);
  useEffect(() => {
    // TODO(shipshape): router events (`routeChangeStart`) are gone: run an effect on `usePathname()` and `useSearchParams()` instead
    router.events.on('routeChangeStart', () => console.log('leaving'));
  }, []);
  return null;
}
