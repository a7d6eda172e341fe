import { useEffect } from 'react';
import { useRouter } from 'next/router';
import { pageview } from '../lib/analytics';

export function Analytics() {
  const router = useRouter();
  useEffect(() => {
    const handleRouteChange = (url) => pageview(url, router.locale);
    router.events.on('routeChangeComplete', handleRouteChange);
    return () => {
      router.events.off('routeChangeComplete', handleRouteChange);
    };
  }, [router.events]);
  useEffect(() => {
    router.events.on('routeChangeStart', () => console.log('leaving'));
  }, []);
  return null;
}
