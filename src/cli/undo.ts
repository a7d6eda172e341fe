import type { Command } from 'commander';
import { hasJournal, undoLast } from '../engine/apply.ts';
import { gitTopLevel } from '../project/git.ts';
import { assertDirectory } from '../project/load-project.ts';
import { EXIT } from './common.ts';
import { io } from './io.ts';

export function registerUndo(program: Command, setExit: (code: number) => void): void {
  program
    .command('undo')
    .description('restore the files the last fix or transform wrote, or roll back one that was interrupted')
    .argument('[dir]', 'the app', '.')
    .option('--force', 'restore even files edited since the apply')
    .action((dir: string, flags: { force?: boolean }) => {
      const dirRoot = assertDirectory(dir, io().cwd);
      // `transform` journals at the top of the git tree it ran in; look there too.
      const topLevel = gitTopLevel(dirRoot);
      const root = hasJournal(dirRoot) || !topLevel ? dirRoot : topLevel;
      const result = undoLast(root, Boolean(flags.force));
      const what = result.interrupted
        ? `rolled back the interrupted \`shipshape ${result.command}\``
        : `undid \`shipshape ${result.command}\``;
      const lines = [`${what}: restored ${result.restored.length} file(s)`, ...result.restored.map((file) => `  ${file}`)];
      io().stdout.write(`${lines.join('\n')}\n`);
      setExit(EXIT.ok);
    });
}
