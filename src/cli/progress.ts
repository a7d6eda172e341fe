import { io } from './io.ts';

/** A one-line counter on stderr, only on a terminal, only once work has taken a moment. */
export function createProgress(label: string, enabled: boolean): { update(done: number, total: number): void; stop(): void } {
  const { stderr } = io();
  if (!enabled || !stderr.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < 300 || now - last < 80) return;
      last = now;
      shown = true;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      stderr.write(`\r${label} ${done}/${total} files (${percent}%)`);
    },
    stop() {
      if (shown) stderr.write('\r\x1b[2K');
    },
  };
}
