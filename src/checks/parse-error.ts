import { defineProjectCheck } from './define.ts';
import { loadSchemas } from '../sql/load-schema.ts';

/**
 * Reported by the engine itself when a source file it had to read does not parse, and here for the
 * migrations and schema files the database checks read; the scan goes on.
 */
export default defineProjectCheck({
  meta: {
    id: 'parse-error',
    title: 'File does not parse',
    severity: 'low',
    category: 'build',
    messages: {
      sourceDoesNotParse: '{{file}} does not parse: {{reason}}',
      schemaDoesNotParse: '{{reason}}',
    },
    docs: 'shipshape could not parse this file, so no other check looked inside it. If the file is meant to be source code, the build will most likely fail on it too; fix the syntax error shown.',
    fix: null,
    finds:
      "a file shipshape had to read that does not parse (a source file, a SQL migration or schema file with the line of the error, `schema.prisma`); reported once, and the scan goes on. A valid statement that does not replay on shipshape's model is not a parse error (see `shipshape sql`), and Prisma migrations for MySQL or SQLite are not read",
    sources: [{ title: 'Babel: @babel/parser', url: 'https://babeljs.io/docs/babel-parser' }],
  },
  check(ctx) {
    for (const schema of loadSchemas(ctx.project)) {
      // A valid statement that does not replay on shipshape's model is not the file's error: `shipshape sql` reports it.
      for (const problem of schema.problems)
        if (problem.kind === 'parse')
          ctx.report({
            file: problem.file,
            loc: { line: problem.line, column: 1 },
            messageId: 'schemaDoesNotParse',
            data: { reason: problem.message },
          });
    }
  },
});
