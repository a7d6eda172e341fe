import { spawn } from 'node:child_process';
import { BIN } from './helpers.ts';

export interface PtyStep {
  /** Wait until the screen shows this (ANSI codes stripped), after the previous step's match. */
  waitFor: RegExp;
  send: string;
}

export const KEYS = { enter: '\r', space: ' ', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' };

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][A-Z0-9]/g, '');

/** Runs the real CLI in a pseudo-terminal (util-linux `script`) and answers its prompts. */
export function driveCli(args: string[], cwd: string, steps: PtyStep[], timeoutMs = 30_000): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1', CI: '', COLUMNS: '120', LINES: '50' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let consumed = 0;
  let step = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${steps[step]?.waitFor ?? 'exit'}; screen:\n${screen}`));
    }, timeoutMs);
    const advance = () => {
      while (step < steps.length) {
        const rest = screen.slice(consumed);
        const match = steps[step]!.waitFor.exec(rest);
        if (!match) return;
        consumed += match.index + match[0].length;
        child.stdin.write(steps[step]!.send);
        step++;
      }
    };
    const onData = (chunk: Buffer) => {
      screen += stripAnsi(chunk.toString('utf8'));
      advance();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (step < steps.length) reject(new Error(`exited (${code}) before ${steps[step]!.waitFor}; screen:\n${screen}`));
      else resolve({ code: code ?? -1, screen });
    });
  });
}
