import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';

/** Where a command writes: a stream of the process, or anything that takes text (tests collect it). */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What a run of the CLI reads and writes instead of the process's own streams, folder and environment. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}

const current = new AsyncLocalStorage<CliIo>();

/** Runs `work` with `cliIo` as what `io()` returns inside it, however deep and however async. */
export function withIo<T>(cliIo: CliIo, work: () => T): T {
  return current.run(cliIo, work);
}

/** The io of the run in progress; outside any run, the process's own. */
export function io(): CliIo {
  return current.getStore() ?? processIo();
}

/** A path the user typed, taken from the folder the command runs in. */
export function fromCwd(input: string): string {
  return path.resolve(io().cwd, input);
}

/** Both ends of a prompt are a terminal. */
export function canAsk(): boolean {
  const { stdin, stdout } = io();
  return Boolean(stdin.isTTY && stdout.isTTY);
}

export function colorEnabled(stream: Output): boolean {
  const { env } = io();
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY);
}
