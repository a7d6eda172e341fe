import { defineProjectCheck } from './define.ts';

/** Reported by the engine itself when a file it had to read does not parse; the scan goes on. */
export default defineProjectCheck({
  meta: {
    id: 'parse-error',
    title: 'File does not parse',
    severity: 'low',
    category: 'build',
    docs: 'shipshape could not parse this file, so no other check looked inside it. If the file is meant to be source code, the build will most likely fail on it too; fix the syntax error shown.',
    fix: null,
  },
  check() {},
});
