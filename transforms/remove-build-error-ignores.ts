import type { API, ASTPath, FileInfo, ObjectExpression, ObjectProperty } from 'jscodeshift';
import { propertyName } from '../src/engine/ast.ts';
import { printSource } from '../src/engine/print-style.ts';
import { sourceTree } from '../src/engine/codemod.ts';
import { meta } from './meta/remove-build-error-ignores.ts';
export { meta };

export const parser = 'tsx';

const FLAGS: Record<string, string> = { ignoreBuildErrors: 'typescript', ignoreDuringBuilds: 'eslint' };

export default function removeBuildErrorIgnores(file: FileInfo, api: API): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  let changed = false;

  root.find(j.ObjectProperty).forEach((path: ASTPath<ObjectProperty>) => {
    const flag = propertyName(path.node as never);
    if (!flag || !(flag in FLAGS)) return;
    if (path.node.value.type !== 'BooleanLiteral' || !path.node.value.value) return;
    const objectPath = path.parent as ASTPath<ObjectExpression>;
    const ownerPath = objectPath.parent as ASTPath;
    if (ownerPath?.node.type !== 'ObjectProperty' || propertyName(ownerPath.node as never) !== FLAGS[flag]) return;
    j(path).remove();
    changed = true;
    if (objectPath.node.properties.length === 0) j(ownerPath).remove();
  });

  return changed ? printSource(root, file.source, file.path) : undefined;
}
