import { packageFor } from '../project/packages.ts';
import type { Project } from '../project/types.ts';
import { type ModuleFacts } from './client-graph/module-facts.ts';
import { type ClientGraph, buildClientGraph } from './client-graph/build.ts';

/**
 * Which modules run in the browser, and why. The parts live in `client-graph/`: the text pass over
 * a module (`module-facts.ts`), type-only imports, Pages Router pages, and the graph itself (`build.ts`).
 */
export { type ImportFact, type ModuleFacts, moduleFacts } from './client-graph/module-facts.ts';
export { inPageDataFunction } from './client-graph/pages.ts';
export { type ClientGraph } from './client-graph/build.ts';

const graphs = new WeakMap<Project, ClientGraph>();
const seeds = new WeakMap<Project, Map<string, ModuleFacts>>();

/** What a scan's read of each file already found, so building the graph reads no file twice. */
export function seedModuleFacts(project: Project, facts: Iterable<[string, ModuleFacts]>): void {
  const seed = seeds.get(project) ?? new Map<string, ModuleFacts>();
  for (const [file, moduleInfo] of facts) seed.set(file, moduleInfo);
  seeds.set(project, seed);
}

/** The project's client graph, built on first use and shared by every check of one scan. */
export function clientGraph(project: Project): ClientGraph {
  let graph = graphs.get(project);
  if (!graph) {
    graph = buildClientGraph(project, seeds.get(project) ?? new Map());
    graphs.set(project, graph);
    seeds.delete(project);
  }
  return graph;
}
/** Something a check found in a file, to be reported only if the file turns out to be client code. */
export interface ClientCodeFact {
  file: string;
  line: number;
  column: number;
  /** Inside a Pages Router data function, which never reaches the browser. */
  serverSide: boolean;
}

/** Each fact that sits in client code, in file order, with the import chain that makes it client code. */
export function inClientCode<T extends ClientCodeFact>(project: Project, facts: readonly unknown[]): Array<{ fact: T; chain: string }> {
  if (facts.length === 0) return [];
  const graph = clientGraph(project);
  return (facts as T[])
    .filter((fact) => !fact.serverSide)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
    .flatMap((fact) => {
      const chain = graph.chain(fact.file);
      return chain ? [{ fact, chain }] : [];
    });
}

/**
 * Whether these files run only as App Router server code: not client code, and every entry point
 * that reaches them is under `app/`. `server-only` works there, and throws in Pages Router code.
 */
export function onlyInAppRouterServerCode(project: Project, files: readonly string[]): boolean {
  const graph = clientGraph(project);
  return files.every((file) => {
    const pkg = packageFor(project.packages, file);
    if (!pkg?.next || graph.isClient(file)) return false;
    const appDirs = pkg.routers
      .filter((router) => router.endsWith('app'))
      .map((router) => (pkg.dir ? `${pkg.dir}/${router}/` : `${router}/`));
    const entries = graph.entries(file);
    const serverAction = (entry: string) => graph.moduleFacts(entry)?.directive === 'server';
    return (
      entries.length > 0 &&
      entries.every((entry) => serverAction(entry) || (appDirs.some((dir) => entry.startsWith(dir)) && !graph.isClient(entry)))
    );
  });
}
