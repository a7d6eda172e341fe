/**
 * Recast reprints the nodes a transform edits; these options keep the file's own habits
 * (trailing commas, quotes) in what it reprints.
 */
export function printOptions(source: string): { trailingComma: boolean; quote: 'single' | 'double' } {
  const singles = (source.match(/'/g) ?? []).length;
  const doubles = (source.match(/"/g) ?? []).length;
  return { trailingComma: /,\s*\n\s*[}\])]/.test(source), quote: doubles > singles ? 'double' : 'single' };
}
