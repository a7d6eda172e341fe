import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The DOM library and the installed packages' declarations, parsed once per test file: every program
 * here has the same options, so they bind the same way in each.
 */
const installedDeclarations = new Map<string, ts.SourceFile | undefined>();

/** Every TypeScript error in an app's .ts/.tsx files, as `file(line): message`, with the app's `@/*` alias. */
export function typeErrors(root: string, extraFiles: string[] = []): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  visit(root);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.Preserve,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    // JSX needs React's types even in files that import nothing from react.
    types: existsSync(path.join(root, 'node_modules', '@types', 'react')) ? ['node', 'react'] : ['node'],
    typeRoots: [path.join(root, 'node_modules', '@types')],
    skipLibCheck: true,
    baseUrl: root,
    paths: { '@/*': ['./*'] },
  };
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.split(path.sep).includes('node_modules')) return parse(fileName, languageVersion, ...rest);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    let sourceFile = installedDeclarations.get(key);
    if (!sourceFile) installedDeclarations.set(key, (sourceFile = parse(fileName, languageVersion, ...rest)));
    return sourceFile;
  };
  const program = ts.createProgram([...files, ...extraFiles], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${path.relative(root, diagnostic.file.fileName)}(${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1})`
      : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}
