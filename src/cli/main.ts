import { statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { interruptedJournal, journalPath } from '../engine/journal.ts';
import { acquireLock, journalRoots } from '../engine/state-dir.ts';
import { UsageError } from '../errors.ts';
import { EXIT, VERSION, colorEnabled, createLogger } from './common.ts';
import { registerFix } from './fix.ts';
import { registerList } from './list.ts';
import { registerMigrate } from './migrate.ts';
import { registerScan } from './scan.ts';
import { registerSql } from './sql.ts';
import { registerTransform } from './transform.ts';
import { registerUndo } from './undo.ts';
import { registerVerify } from './verify.ts';
import { forgetEnvValues } from '../report/redact.ts';
import { watchWrites } from '../engine/durable-fs.ts';
import { fromCwd, io, processIo, withIo, type CliIo, type Output } from './io.ts';

const WRITERS = new Set(['fix', 'transform', 'app-router', 'sql']);
const READERS = new Set(['scan', 'verify']);

/** The existing folders a command works in: its [dir], or for transform the current folder and its paths. */
function commandDirs(command: Command): string[] {
  const args = command.processedArgs as unknown[];
  const named = command.name() === 'transform' ? ['.', ...((args[1] as string[] | undefined) ?? [])] : [typeof args[0] === 'string' ? args[0] : '.'];
  return named.flatMap((name) => {
    try {
      const absolute = fromCwd(name);
      return [statSync(absolute).isDirectory() ? absolute : path.dirname(absolute)];
    } catch {
      // The command itself says what is wrong with it.
      return [];
    }
  });
}

/**
 * Before a command touches the tree: an apply that was interrupted stops the commands that write
 * (they would build on half-written files) and warns those that read; a command that writes holds
 * the lock until it ends.
 */
function startUp(command: Command, locks: Array<() => void>): void {
  const name = command.name();
  const writes = WRITERS.has(name);
  if (!writes && !READERS.has(name) && name !== 'undo') return;
  const dirs = commandDirs(command);
  if (name !== 'undo') {
    const interrupted = dirs.flatMap(journalRoots).map((root) => ({ root, journal: interruptedJournal(root) })).find((found) => found.journal !== null);
    if (interrupted) {
      const where = path.relative(io().cwd, path.join(interrupted.root, journalPath(interrupted.journal!))) || journalPath(interrupted.journal!);
      const reason = `an earlier apply was interrupted (${where} is incomplete), so files may be half old, half new`;
      if (writes) throw new UsageError(reason, 'run `shipshape undo` to roll it back, then run the command again');
      createLogger(false).warn(`${reason}; run \`shipshape undo\` to roll it back`);
    }
  }
  const flags = command.opts();
  if (name === 'undo' || (writes && !flags.dryRun && !flags.patch)) {
    for (const top of [...new Set(dirs.map((dir) => journalRoots(dir).at(-1)!))].sort()) locks.push(acquireLock(top));
  }
}

function buildProgram(setExit: (code: number) => void, locks: Array<() => void>): Command {
  const program = new Command('shipshape')
    .description('Find the failures that break a quickly built web app at launch, and fix them.')
    .version(VERSION, '-v, --version')
    .option('--debug', 'show stack traces for internal errors')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => void io().stdout.write(text),
      writeErr: (text) => void io().stderr.write(text),
      getOutHelpWidth: () => helpWidth(io().stdout),
      getErrHelpWidth: () => helpWidth(io().stderr),
      getOutHasColors: () => colorEnabled(io().stdout),
      getErrHasColors: () => colorEnabled(io().stderr),
      // Commander's own errors become one reason line; the hint follows in main().
      outputError: () => {},
    })
    .exitOverride()
    .hook('preAction', (_program, command) => startUp(command, locks));
  registerScan(program, setExit);
  registerFix(program, setExit);
  registerTransform(program, setExit);
  registerSql(program, setExit);
  registerVerify(program, setExit);
  registerMigrate(program, setExit);
  registerList(program, setExit);
  registerUndo(program, setExit);
  for (const command of [...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    command.exitOverride().configureOutput({ outputError: () => {} }).showSuggestionAfterError(true);
  }
  return program;
}

/** Commander's own rule: the terminal's width, else 80. */
function helpWidth(stream: Output): number {
  return (stream.isTTY ? stream.columns : undefined) ?? 80;
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 findings, 2 usage or input error, 3 internal error.
 * It reads and writes only through `cliIo` and leaves the process as it found it, so one process
 * can run it many times.
 */
export async function main(argv: string[], cliIo: CliIo = processIo()): Promise<number> {
  return withIo(cliIo, () => runCli(argv));
}

/** SHIPSHAPE_FAULT_AFTER_WRITES=n kills the process right after its n-th disk write: the crash tests' kill point. */
function faultAfterWrites(): () => void {
  const limit = Number(io().env.SHIPSHAPE_FAULT_AFTER_WRITES);
  if (!Number.isInteger(limit) || limit <= 0) return () => {};
  return watchWrites((count) => {
    if (count >= limit) process.kill(process.pid, 'SIGKILL');
  });
}

async function runCli(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const stopFault = faultAfterWrites();
  const locks: Array<() => void> = [];
  const program = buildProgram((c) => (code = c), locks);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      const reason = error.message.replace(/^error: /, '').split('\n')[0];
      const command = argv.find((arg) => program.commands.some((c) => c.name() === arg));
      io().stderr.write(`shipshape: ${reason}\nhint: run \`shipshape ${command ? `${command} ` : ''}--help\` for the usage\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io().stderr.write(`shipshape: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    if (error instanceof Error && error.name === 'ExitPromptError') {
      io().stderr.write('shipshape: cancelled; nothing was written\n');
      return 130;
    }
    const message = error instanceof Error ? error.message : String(error);
    io().stderr.write(`shipshape: internal error: ${message}\n`);
    if (debug && error instanceof Error) io().stderr.write(`${error.stack}\n`);
    else io().stderr.write('hint: run again with --debug for the stack trace, and report it\n');
    return EXIT.internal;
  } finally {
    for (const release of locks) release();
    stopFault();
    forgetEnvValues();
  }
}
