import type { NextRouter } from 'next/router';

/** Opens a team's page, keeping the dashboard tab the user was on. */
export function openTeam(router: NextRouter, teamId: string) {
  const tab = typeof router.query.tab === 'string' ? router.query.tab : undefined;
  return router.push(tab ? `/dashboard/teams/${teamId}?tab=${tab}` : `/dashboard/teams/${teamId}`);
}
