import path from 'node:path';
import { isSourceFile } from '../project/load-project.ts';
import { loadSqlParser, parseSync } from '../sql/pg-parser.ts';
import type { FileChange } from './changeset.ts';
import { parseSource } from './parse.ts';
import { prismaAst } from '../analysis/prisma-schema-parser.ts';

type Parser = (text: string, file: string) => Promise<void> | void;

function parserFor(file: string): Parser | null {
  if (isSourceFile(file)) return (text) => void parseSource(file, text);
  const ext = path.posix.extname(file);
  if (ext === '.json') return (text) => void JSON.parse(text);
  if (ext === '.prisma') return (text) => void prismaAst().getSchema(text);
  if (ext === '.sql') {
    return async (text) => {
      await loadSqlParser();
      parseSync(text);
    };
  }
  return null;
}

async function problem(parse: Parser, file: string, text: string): Promise<string | null> {
  try {
    await parse(text, file);
    return null;
  } catch (error) {
    return (error as Error).message.split('\n')[0]!;
  }
}

/**
 * Why a change's new content does not parse, or null when it does. A file that did not parse before
 * the change is not held against it (a JSONC tsconfig, a broken file the user left), only one a fix broke.
 */
export async function brokenByChange(change: FileChange): Promise<string | null> {
  if (change.after === null) return null;
  const parse = parserFor(change.path);
  if (!parse) return null;
  const after = await problem(parse, change.path, change.after);
  if (after === null) return null;
  if (change.before !== null && (await problem(parse, change.path, change.before)) !== null) return null;
  return after;
}
