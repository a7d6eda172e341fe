import type { API, FileInfo, Program } from 'jscodeshift';
import type { Program as BabelProgram } from '@babel/types';
import { TextEdits, sourceTree } from '../src/engine/codemod.ts';
import { unexpiringJwts } from '../src/analysis/jwt-calls.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import { meta } from './meta/add-jwt-expiry.ts';
export { meta };

export const parser = 'tsx';

export default function addJwtExpiry(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const program = root.find(j.Program).get().node as Program as unknown as BabelProgram;
  const edits = new TextEdits(file.source, file.path);
  const lifetime = `'${String(options.jwtLifetime ?? meta.questions![0]!.default)}'`;

  for (const jwt of unexpiringJwts(program, file.source)) {
    if (jwt.library === 'jose') {
      const object = jwt.sign.object;
      const between = file.source.slice(object.end!, jwt.sign.property.start!);
      const dot = object.end! + between.indexOf('.');
      // A chain written one call per line gets the new call on a line of its own, indented like `.sign`.
      const text = between.includes('\n') ? `.setExpirationTime(${lifetime})\n${edits.indentAt(dot)}` : `.setExpirationTime(${lifetime})`;
      edits.insert(between.includes('\n') ? dot : object.end!, text);
    } else if (jwt.options) {
      edits.appendProperty(jwt.options as never, `expiresIn: ${lifetime}`);
    } else {
      edits.insert(jwt.secret.end!, `, { expiresIn: ${lifetime} }`);
    }
  }
  return edits.changed ? edits.apply() : undefined;
}
