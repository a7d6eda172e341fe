// Writes a deterministic corpus of realistic Next.js app files: the same seed gives the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DECLARED = [
  'react',
  'next/link',
  'next/router',
  'next/navigation',
  '@supabase/supabase-js',
  '@prisma/client',
  'zod',
  'clsx',
  'date-fns',
];
const UNDECLARED = ['lodash', 'axios', 'uuid', 'openai'];
const WORDS = 'task project user team invoice order product cart session comment note event report account billing'.split(' ');

const cap = (w) => w[0].toUpperCase() + w.slice(1);

function component(rand, name) {
  const fields = Array.from({ length: 3 + Math.floor(rand() * 6) }, (_, i) => `${WORDS[Math.floor(rand() * WORDS.length)]}${i}`);
  const body = fields
    .map(
      (field) =>
        `      <div className={clsx('row', selected === '${field}' && 'row--active')} onClick={() => setSelected('${field}')}>\n        <span>{props.${field} ?? '—'}</span>\n      </div>`,
    )
    .join('\n');
  return `export function ${name}(props: ${name}Props) {\n  const [selected, setSelected] = useState<string | null>(null);\n  useEffect(() => {\n    if (!selected) return;\n    const timer = setTimeout(() => setSelected(null), ${1000 + Math.floor(rand() * 5000)});\n    return () => clearTimeout(timer);\n  }, [selected]);\n  return (\n    <section aria-label="${name}">\n${body}\n    </section>\n  );\n}\n\nexport interface ${name}Props {\n${fields.map((f) => `  ${f}?: string;`).join('\n')}\n}\n`;
}

function handler(rand, model) {
  const limit = 10 + Math.floor(rand() * 90);
  return `export default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method !== 'GET') return res.status(405).end();\n  const parsed = querySchema.safeParse(req.query);\n  if (!parsed.success) return res.status(400).json({ error: parsed.error.flatten() });\n  const rows = await prisma.${model}.findMany({ where: { ownerId: parsed.data.ownerId }, take: ${limit}, orderBy: { createdAt: 'desc' } });\n  return res.status(200).json({ rows, next: rows.length === ${limit} ? rows[rows.length - 1]?.id : null });\n}\n\nconst querySchema = z.object({ ownerId: z.string().uuid(), cursor: z.string().optional() });\n`;
}

function utility(rand, name) {
  const steps = Array.from(
    { length: 4 + Math.floor(rand() * 12) },
    (_, i) =>
      `  const step${i} = input.filter((item) => item.score > ${i}).map((item) => ({ ...item, rank: item.score * ${i + 1} }));\n  total += step${i}.reduce((sum, item) => sum + item.rank, 0);`,
  );
  return `export function ${name}(input: Array<{ id: string; score: number }>): number {\n  let total = 0;\n${steps.join('\n')}\n  return total;\n}\n`;
}

export function writeCorpus(root, count = 10_000, seed = 20261122) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  mkdirSync(root, { recursive: true });
  writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify(
      {
        name: 'corpus',
        private: true,
        dependencies: {
          next: '14.2.3',
          react: '18.3.1',
          'react-dom': '18.3.1',
          '@supabase/supabase-js': '2.43.4',
          '@prisma/client': '5.14.0',
          zod: '3.23.8',
          clsx: '2.1.1',
          'date-fns': '3.6.0',
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
  writeFileSync(path.join(root, 'next.config.js'), 'module.exports = { typescript: { ignoreBuildErrors: true } };\n');
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const word = pick(WORDS);
    const kind = rand();
    const imports = new Set([`import { useEffect, useState } from 'react';`, `import clsx from 'clsx';`]);
    for (let k = 0; k < 2 + Math.floor(rand() * 4); k++) imports.add(`import * as m${k} from '${pick(DECLARED)}';`);
    if (rand() < 0.02) imports.add(`import extra from '${pick(UNDECLARED)}';`);
    let file;
    let text;
    if (kind < 0.45) {
      file = `components/${word}/${cap(word)}Card${i}.tsx`;
      text = `${[...imports].join('\n')}\n\n${component(rand, `${cap(word)}Card${i}`)}`;
    } else if (kind < 0.65) {
      file = `pages/api/${word}/[id]${i}.ts`;
      text = `import type { NextApiRequest, NextApiResponse } from 'next';\nimport { z } from 'zod';\nimport { prisma } from '@/lib/prisma';\n\n${handler(rand, word)}`;
    } else if (kind < 0.9) {
      file = `lib/${word}/util${i}.ts`;
      text = `${rand() < 0.5 ? `import { format } from 'date-fns';\n\n` : ''}${utility(rand, `${word}Score${i}`)}`;
    } else {
      file = `styles/${word}${i}.module.css.ts`;
      text = `export const styles = {\n${Array.from({ length: 20 }, (_, k) => `  c${k}: '${word}-${k}',`).join('\n')}\n};\n`;
    }
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
  }
  return { files: count, bytes };
}
