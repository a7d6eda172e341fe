import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Help } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/main.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, modulesLoadedBy, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

const HEAVY = ['jscodeshift', 'recast', 'prettier', 'handlebars', '@inquirer', '@electric-sql/pglite', 'ts-morph'];

/** The files each thread of a CLI run loaded, by thread id (0 is the main thread), from a run that did not fail. */
function loadedModules(args: string[], cwd = REPO): Map<number, string[]> {
  const run = modulesLoadedBy(args, cwd);
  expect(run.status, run.stderr).toBeLessThanOrEqual(1);
  return run.byThread;
}

const packagesIn = (files: readonly string[]) =>
  [...new Set(files.flatMap((file) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []))].sort();

describe('start-up loads only what the command uses', () => {
  it('scan loads no codemod, formatter, template, prompt, PGlite or ts-morph code, on the main thread or in a worker', () => {
    const app = copyFixture(path.join(FIXTURES, 'apps', 'prototype'));
    const threads = loadedModules(['scan', app, '--workers', '1', '--format', 'json']);
    const worker = [...threads].find(([thread, files]) => thread !== 0 && files.some((file) => file.endsWith('scan-worker.js')));
    expect(worker, 'a worker thread ran').toBeDefined();
    for (const [thread, files] of threads) {
      expect(
        packagesIn(files).filter((name) => HEAVY.some((heavy) => name === heavy || name.startsWith(`${heavy}/`))),
        `thread ${thread}`,
      ).toEqual([]);
    }
    expect(packagesIn(threads.get(0)!)).toContain('@babel/parser');
  });

  it('the check also sees a heavy package when one loads', () => {
    // In a folder of its own: inside this repository, the type gate would type-check all of it.
    const dir = writeTree({ 'fetch.ts': readFileSync(path.join(FIXTURES, 'fetch-timeout', 'brace-less-if.input.ts'), 'utf8') });
    const threads = loadedModules(['transform', 'fetch-timeout', 'fetch.ts', '--dry-run'], dir);
    expect(packagesIn(threads.get(0)!)).toContain('jscodeshift');
  });

  it.each([['--version'], ['--help'], ['list'], ['list', '--json'], ['help', 'list']])(
    '%s loads commander and none of the checks',
    (...args) => {
      const files = loadedModules(args).get(0)!;
      expect(packagesIn(files)).toEqual(['commander']);
      expect(files.filter((file) => file.includes('/checks/'))).toEqual([]);
    },
  );

  it('names each command in the help as its full definition does', async () => {
    for (const entry of COMMANDS) {
      const program = new Command('shipshape');
      (await entry.load())(program, () => {});
      const [command] = program.commands;
      expect(command!.name()).toBe(entry.name);
      expect(new Help().subcommandTerm(command!)).toBe(entry.term);
      expect(command!.description()).toBe(entry.description);
    }
  });
});
