import { clientGraph } from '../../src/analysis/client-graph.ts';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import { packageFor } from '../../src/project/packages.ts';
import type { Project } from '../../src/project/types.ts';
import { declareServerOnly } from '../add-server-only.ts';
import { meta } from '../meta/move-secret-server-side.ts';
import { renamePublicVariables } from '../rename-public-secret-env.ts';
import { dropUnusedClient, findClients, switchToAnonKey, type PlanContext } from './clients.ts';
import { Planner } from './planner.ts';
export { meta };

function anonVariableFor(project: Project): string {
  const anon = project.envFiles
    .flatMap((env) => env.variables)
    .find((v) => v.jwtRole === 'anon' || /^(NEXT_PUBLIC_|VITE_|EXPO_PUBLIC_|REACT_APP_)SUPABASE_(ANON|PUBLISHABLE)_KEY$/.test(v.name));
  return anon?.name ?? 'NEXT_PUBLIC_SUPABASE_ANON_KEY';
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.fix?.id === meta.id);
  if (relevant.length === 0) return;
  // jscodeshift loads here, not with the module: the registry's metadata never needs it.
  const j = (await import('jscodeshift')).default.withParser('tsx');
  const context: PlanContext = { project, changeset, graph: clientGraph(project), j };
  const planner = new Planner(context);
  const files = [...new Set(relevant.map((f) => f.file))].sort();
  const clients = files.flatMap((file) => findClients(changeset, file));
  for (const client of clients) planner.moveClientCalls(client);
  for (const file of files) planner.moveFetchCalls(file);
  const written = await planner.finish();
  const anonVariable = anonVariableFor(project);
  for (const client of clients) {
    if (planner.anonSwitches.includes(client)) switchToAnonKey(changeset, client, anonVariable);
    else dropUnusedClient(context, client);
  }
  const secretVariables = [...new Set([...planner.secretVariables, ...clients.flatMap((c) => c.secretVariables)])];
  renamePublicVariables(project, changeset, secretVariables, true);
  if (written.length === 0) return;
  for (const pkg of new Set(written.filter((file) => file.includes('/actions/')).map((file) => packageFor(project.packages, file)!)))
    declareServerOnly(project, changeset, pkg);
  for (const variable of [...planner.rotate].sort())
    changeset.followUp({ kind: 'secret', message: `rotate ${variable}: it was in browser code` });
  if (planner.unguarded.length > 0)
    changeset.followUp({
      kind: 'manual',
      message: `check the caller's session in each new server function (${planner.unguarded.join(', ')})`,
    });
  else
    changeset.followUp({
      kind: 'manual',
      message: `the new server functions require a signed-in user; check that each user may do what they ask (${written.join(', ')})`,
    });
}
