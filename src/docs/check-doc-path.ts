/**
 * Where a check's generated page lives, from the repository root: SARIF's `helpUri` points here too.
 * A module of its own, so a report writer can import it without loading the generator.
 */
export function checkDocPath(id: string): string {
  return `docs/checks/${id}.md`;
}
