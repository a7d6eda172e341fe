import type { ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import { requirePackage } from './require-package.cjs';

const { parse } = requirePackage<typeof import('@babel/parser')>('@babel/parser');

const COMMON: ParserPlugin[] = ['decorators-legacy', 'explicitResourceManagement', 'importReflection', 'sourcePhaseImports'];

function pluginsFor(file: string): ParserPlugin[] {
  if (/\.(c|m)?tsx$/.test(file)) return ['typescript', 'jsx', ...COMMON];
  if (/\.(c|m)?ts$/.test(file)) return [['typescript', { dts: file.endsWith('.d.ts') }], ...COMMON];
  return ['jsx', ...COMMON];
}

/** The one fast parse every check shares. Throws a SyntaxError with `loc` on bad input. */
export function parseSource(file: string, text: string): File {
  return parse(text, {
    sourceType: 'unambiguous',
    sourceFilename: file,
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowAwaitOutsideFunction: true,
    allowUndeclaredExports: true,
    errorRecovery: false,
    attachComment: false,
    plugins: pluginsFor(file),
  });
}
