import { statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Help } from './commander.ts';
import { UsageError } from '../errors.ts';
import { EXIT, VERSION } from './constants.ts';
import { colorEnabled, fromCwd, io, processIo, withIo, type CliIo, type Output } from './io.ts';

type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

interface CommandEntry {
  name: string;
  /** How the top-level help names it: what commander prints for the full definition. */
  term: string;
  description: string;
  /** Reads a project folder, and so may remember its env values for masking. */
  inProject: boolean;
  /** The module that defines the command and its action, imported only when the command runs. */
  load(): Promise<RegisterCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'scan',
    inProject: true,
    term: 'scan [options] [dir]',
    description: 'find the problems that break the app at launch',
    load: async () => (await import('./scan.ts')).registerScan,
  },
  {
    name: 'fix',
    inProject: true,
    term: 'fix [options] [dir]',
    description: 'fix the findings: an interactive wizard on a terminal, or --yes / --dry-run / --patch in scripts',
    load: async () => (await import('./fix.ts')).registerFix,
  },
  {
    name: 'transform',
    inProject: true,
    term: 'transform [options] <id> <paths...>',
    description: 'run one transform over files and folders',
    load: async () => (await import('./transform.ts')).registerTransform,
  },
  {
    name: 'sql',
    inProject: true,
    term: 'sql [options] [dir]',
    description: 'generate migrations for row level security, constraints and indexes, from the schema and the code',
    load: async () => (await import('./sql.ts')).registerSql,
  },
  {
    name: 'verify',
    inProject: true,
    term: 'verify [options] [dir]',
    description: "apply the migrations to an embedded Postgres and prove that users cannot reach each other's rows",
    load: async () => (await import('./verify.ts')).registerVerify,
  },
  {
    name: 'migrate',
    inProject: true,
    term: 'migrate',
    description: 'move an app to a newer framework API',
    load: async () => (await import('./migrate.ts')).registerMigrate,
  },
  {
    name: 'list',
    inProject: false,
    term: 'list [options]',
    description: 'every check and transform',
    load: async () => (await import('./list.ts')).registerList,
  },
  {
    name: 'undo',
    inProject: true,
    term: 'undo [options] [dir]',
    description: 'restore the files the last fix or transform wrote, or roll back one that was interrupted',
    load: async () => (await import('./undo.ts')).registerUndo,
  },
];

/** The command argv runs, or for `help <command>` the one it asks about: the program's own options take no values. */
function commandNamed(argv: readonly string[]): string | undefined {
  const operands = argv.filter((arg) => !arg.startsWith('-'));
  return operands[0] === 'help' ? operands[1] : operands[0];
}

const WRITERS = new Set(['fix', 'transform', 'app-router', 'sql']);
const READERS = new Set(['scan', 'verify']);

/** The existing folders a command works in: its [dir], or for transform the current folder and its paths. */
function commandDirs(command: Command): string[] {
  const args = command.processedArgs as unknown[];
  const named =
    command.name() === 'transform' ? ['.', ...((args[1] as string[] | undefined) ?? [])] : [typeof args[0] === 'string' ? args[0] : '.'];
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
async function startUp(command: Command, locks: Array<() => void>): Promise<void> {
  const name = command.name();
  const writes = WRITERS.has(name);
  if (!writes && !READERS.has(name) && name !== 'undo') return;
  const [{ interruptedJournal, journalPath }, { acquireLock, journalRoots }, { createLogger }] = await Promise.all([
    import('../engine/journal.ts'),
    import('../engine/state-dir.ts'),
    import('./common.ts'),
  ]);
  const dirs = commandDirs(command);
  if (name !== 'undo') {
    const interrupted = dirs
      .flatMap(journalRoots)
      .map((root) => ({ root, journal: interruptedJournal(root) }))
      .find((found) => found.journal !== null);
    if (interrupted) {
      const where =
        path.relative(io().cwd, path.join(interrupted.root, journalPath(interrupted.journal!))) || journalPath(interrupted.journal!);
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

async function buildProgram(argv: readonly string[], setExit: (code: number) => void, locks: Array<() => void>): Promise<Command> {
  const stubs = new Map<Command, string>();
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
    .configureHelp({
      subcommandTerm(command: Command): string {
        return stubs.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
      },
    })
    .exitOverride()
    .hook('preAction', (_program, command) => startUp(command, locks));
  // Only the command that runs is defined in full; the others are named for the help and for suggestions.
  const named = commandNamed(argv);
  for (const entry of COMMANDS) {
    if (entry.name === named) (await entry.load())(program, setExit);
    else stubs.set(program.command(entry.name).description(entry.description), entry.term);
  }
  for (const command of [...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    command
      .exitOverride()
      .configureOutput({ outputError: () => {} })
      .showSuggestionAfterError(true);
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
async function faultAfterWrites(): Promise<() => void> {
  const limit = Number(io().env.SHIPSHAPE_FAULT_AFTER_WRITES);
  if (!Number.isInteger(limit) || limit <= 0) return () => {};
  const { watchWrites } = await import('../engine/durable-fs.ts');
  return watchWrites((count) => {
    if (count >= limit) process.kill(process.pid, 'SIGKILL');
  });
}

async function runCli(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const stopFault = await faultAfterWrites();
  const locks: Array<() => void> = [];
  const program = await buildProgram(argv, (c) => (code = c), locks);
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
    // The env values a project command remembered for masking must not leak into the next run in this process.
    if (COMMANDS.find((entry) => entry.name === commandNamed(argv))?.inProject) (await import('../secrets/redact.ts')).forgetEnvValues();
  }
}
