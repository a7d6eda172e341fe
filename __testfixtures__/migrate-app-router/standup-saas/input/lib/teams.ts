export type Member = { id: string; name: string; role: 'owner' | 'member' };
export type Team = { id: string; name: string; standupTime: string; members: Member[] };

const teams = new Map<string, Team>([
  ['core', { id: 'core', name: 'Core', standupTime: '09:30', members: [{ id: 'u1', name: 'Ada', role: 'owner' }, { id: 'u2', name: 'Linus', role: 'member' }] }],
  ['growth', { id: 'growth', name: 'Growth', standupTime: '10:00', members: [{ id: 'u3', name: 'Grace', role: 'owner' }] }],
]);

export async function listTeams(): Promise<Team[]> {
  return [...teams.values()];
}

export async function getTeam(id: string): Promise<Team | undefined> {
  return teams.get(id);
}

export async function renameTeam(id: string, name: string): Promise<Team | undefined> {
  const team = teams.get(id);
  if (!team) return undefined;
  const renamed = { ...team, name };
  teams.set(id, renamed);
  return renamed;
}
