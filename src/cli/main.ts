import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.ts';
import { EXIT, VERSION } from './common.ts';
import { registerFix } from './fix.ts';
import { registerList } from './list.ts';
import { registerMigrate } from './migrate.ts';
import { registerScan } from './scan.ts';
import { registerSql } from './sql.ts';
import { registerTransform } from './transform.ts';
import { registerUndo } from './undo.ts';
import { registerVerify } from './verify.ts';

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('shipshape')
    .description('Find the failures that break a quickly built web app at launch, and fix them.')
    .version(VERSION, '-v, --version')
    .option('--debug', 'show stack traces for internal errors')
    .showSuggestionAfterError(true)
    .configureOutput({
      // Commander's own errors become one reason line; the hint follows in main().
      outputError: () => {},
    })
    .exitOverride();
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

/** Runs the CLI and returns the exit code: 0 ok, 1 findings, 2 usage or input error, 3 internal error. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      const reason = error.message.replace(/^error: /, '').split('\n')[0];
      const command = argv.find((arg) => program.commands.some((c) => c.name() === arg));
      process.stderr.write(`shipshape: ${reason}\nhint: run \`shipshape ${command ? `${command} ` : ''}--help\` for the usage\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`shipshape: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    if (error instanceof Error && error.name === 'ExitPromptError') {
      process.stderr.write('shipshape: cancelled; nothing was written\n');
      return 130;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`shipshape: internal error: ${message}\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('hint: run again with --debug for the stack trace, and report it\n');
    return EXIT.internal;
  }
}
