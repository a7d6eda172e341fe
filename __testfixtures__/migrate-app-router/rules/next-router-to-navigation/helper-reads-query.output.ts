import type { AppRouterInstance } from 'next/dist/shared/lib/app-router-context.shared-runtime';

/** Opens a team's page, keeping the dashboard tab the user was on. */
// TODO(shipshape): `openTeam` reads `router.query`: the App Router's router only navigates, so these read undefined until its callers pass them: pass the values of `usePathname` and `useSearchParams` from the calling component to this helper instead
export function openTeam(
  router: AppRouterInstance & { query?: Record<string, string | string[] | undefined> },
  teamId: string
) {
  const tab = typeof router.query?.tab === 'string' ? router.query?.tab : undefined;
  return router.push(tab ? `/dashboard/teams/${teamId}?tab=${tab}` : `/dashboard/teams/${teamId}`);
}
