import { defineProjectCheck } from './define.ts';
import { tableIdentifier } from '../sql/names.ts';
import { at, forEachSchema } from '../sql/check-support.ts';
import { primaryKey, qualifiedName } from '../sql/model.ts';

export default defineProjectCheck({
  meta: {
    id: 'missing-primary-key',
    title: 'Table without a primary key',
    severity: 'medium',
    category: 'schema',
    docs: 'Without a primary key, duplicate rows cannot be told apart, an update or delete cannot target one row, and logical replication (Supabase Realtime, read replicas) cannot send updates. Add one: `id uuid primary key default gen_random_uuid()` or `alter table … add primary key (…)`.',
    fix: null,
  },
  check(ctx) {
    forEachSchema(ctx, (schema) => {
      for (const table of schema.tables) {
        if (primaryKey(table)) continue;
        ctx.report({
          ...at(table.loc),
          message: `${qualifiedName(table)} has no primary key: add one (\`id uuid primary key default gen_random_uuid()\`, or \`alter table ${tableIdentifier(table)} add primary key (…)\` on the columns that identify a row).`,
          data: { table: table.name },
        });
      }
    });
  },
});
