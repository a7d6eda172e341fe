import type { CallExpression, Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { runsInBrowser } from '../analysis/fetch-calls.ts';
import { unboundedSelectEnd } from '../analysis/list-queries.ts';

const NARROWING = /\.(eq|neq|gt|gte|lt|lte|like|ilike|in|is|match|or|filter|contains|textSearch|range|limit|single|maybeSingle)\(/;

/** The names a select's rows end up under: `const { data: tasks }`, or the state a `.then(({ data }) => setTasks(data))` fills. */
function rowNames(ancestors: readonly Node[], setters: ReadonlyMap<string, string>): string[] {
  const names: string[] = [];
  for (const node of [...ancestors].reverse()) {
    if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern') {
      for (const property of node.id.properties) {
        if (
          property.type === 'ObjectProperty' &&
          property.key.type === 'Identifier' &&
          property.key.name === 'data' &&
          property.value.type === 'Identifier'
        )
          names.push(property.value.name);
      }
      break;
    }
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      node.callee.property.type === 'Identifier' &&
      node.callee.property.name === 'then'
    ) {
      const text = JSON.stringify(node.arguments[0] ?? null);
      for (const [setter, state] of setters) if (text.includes(`"name":"${setter}"`)) names.push(state);
      break;
    }
  }
  return names;
}

export default defineCheck({
  meta: {
    id: 'client-side-filtering',
    title: 'Whole table loaded into the browser, then filtered there',
    severity: 'medium',
    category: 'data-access',
    messages: {
      filteredInBrowser:
        'Every row is loaded into the browser and then `{{rows}}.filter()`ed there: filter in the query instead (`.eq()`, `.ilike()`, `.range()`).',
    },
    docs: 'A component that selects every row and filters them in JavaScript downloads the whole table on every visit: slow on a phone, capped at 1,000 rows by Supabase (so results silently go missing), and every row is readable by anyone who opens the network tab. Filter in the query (`.eq()`, `.ilike()`, `.range()`), and let RLS decide which rows a user may see.',
    prefilter: (text) => text.includes('.filter(') && text.includes('.from(') && text.includes('.select('),
    fix: null,
    finds:
      "a browser component (`'use client'`, Pages Router page) that selects a whole table with supabase-js, with no filter, range or limit, and then `.filter()`s the rows (or the state they were put in) in JavaScript",
    sources: [
      {
        title: 'Supabase JavaScript reference: select (at most 1,000 rows by default)',
        url: 'https://supabase.com/docs/reference/javascript/select',
      },
      { title: 'Supabase: Row Level Security', url: 'https://supabase.com/docs/guides/database/postgres/row-level-security' },
    ],
  },
  check(ctx) {
    let browser = false;
    const setters = new Map<string, string>();
    const filtered = new Set<string>();
    const selects: Array<{ call: CallExpression; names: string[] }> = [];
    return {
      Program(program) {
        browser = runsInBrowser(ctx.file.path, program);
      },
      VariableDeclarator(declarator) {
        // const [tasks, setTasks] = useState(…)
        if (declarator.id.type !== 'ArrayPattern' || declarator.init?.type !== 'CallExpression') return;
        const [state, setter] = declarator.id.elements;
        if (state?.type === 'Identifier' && setter?.type === 'Identifier') setters.set(setter.name, state.name);
      },
      CallExpression(call, ancestors) {
        if (!browser) return;
        const callee = call.callee;
        if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'filter') {
          let target: Node = callee.object;
          while (target.type === 'LogicalExpression' || target.type === 'TSNonNullExpression')
            target = target.type === 'LogicalExpression' ? target.left : target.expression;
          if (target.type === 'Identifier') filtered.add(target.name);
          return;
        }
        const end = unboundedSelectEnd(call, ancestors);
        if (!end) return;
        const chain = ctx.file.text.slice(end.start ?? 0, end.end ?? 0);
        if (NARROWING.test(chain.slice(chain.indexOf('.select(')))) return;
        selects.push({ call, names: rowNames(ancestors, setters) });
      },
      'Program:exit'() {
        for (const { call, names } of selects) {
          const used = names.find((name) => filtered.has(name));
          if (used) ctx.report({ node: call, messageId: 'filteredInBrowser', data: { rows: used } });
        }
      },
    };
  },
});
