import type { AppRouterInstance } from 'next/dist/shared/lib/app-router-context.shared-runtime';

// TODO(shipshape): `isActive` reads `router.pathname`: the App Router's router only navigates, so these read undefined until its callers pass them: pass the values of `usePathname` and `useSearchParams` from the calling component to this helper instead
export const isActive = (router: AppRouterInstance & { pathname?: string }, href: string) => router.pathname === href;
