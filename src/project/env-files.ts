import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gitignoreMatcher, walkTree, type TreeEntries } from './tree-walk.ts';
import { jwtRole, secretKind } from '../secrets/secret-shapes.ts';
import { ALWAYS_SKIPPED_DIRS, MAX_FILE_BYTES } from './files.ts';
import { gitIgnored, gitListFiles } from './git.ts';
import type { EnvFile, EnvUrl, EnvVariable } from './types.ts';

/** `.env`, `.env.local`, `.env.production`, … but not editor backups or folders. */
export function isEnvFileName(file: string): boolean {
  const base = path.posix.basename(file);
  return /^\.env(\.[\w.-]+)?$/.test(base) && !/\.(bak|swp|orig)$/.test(base);
}

/** Files meant to be committed: they document variables and hold no values that matter. */
export function isEnvTemplate(file: string): boolean {
  return /^\.env(\.[\w-]+)*\.(example|sample|template|dist)$/.test(path.posix.basename(file));
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;
const POOLING_PARAMS = new Set(['pgbouncer', 'connection_limit', 'pool_timeout', 'sslmode', 'prepare']);

/** Where a URL value points, keeping no credentials. */
export function describeUrl(raw: string): EnvUrl | undefined {
  const value = raw
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .replace(/\s+#.*$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    const params: Record<string, string> = {};
    for (const [key, param] of url.searchParams) params[key] = POOLING_PARAMS.has(key) ? param : '';
    return { protocol: url.protocol.replace(/:$/, ''), host: url.hostname, port: url.port, params };
  } catch {
    // Templates write placeholders the URL parser refuses (`db.<project-ref>.supabase.co`): the host still says where it points.
    const loose = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/\s]*@)?([^:/?#\s]+)(?::(\d+))?/i.exec(value);
    return loose ? { protocol: loose[1]!.toLowerCase(), host: loose[2]!, port: loose[3] ?? '', params: {} } : undefined;
  }
}

export function parseEnvVariables(text: string): EnvVariable[] {
  const variables: EnvVariable[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = ASSIGNMENT.exec(line);
    if (!match) return;
    const raw = match[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
    const url = describeUrl(raw);
    const secret = secretKind(raw);
    const role = jwtRole(raw);
    variables.push({
      name: match[1]!,
      line: index + 1,
      ...(url ? { url } : {}),
      ...(secret ? { secret } : {}),
      ...(role ? { jwtRole: role } : {}),
    });
  });
  return variables;
}

/** Env files are read even where git ignores them: they hold the configuration that ships. */
export function findEnvFiles(root: string, gitRoot: string | null, walked?: TreeEntries, tracked?: ReadonlySet<string>): EnvFile[] {
  const tree = walked ?? walkTree(root, ALWAYS_SKIPPED_DIRS);
  const paths = tree.envCandidates.filter(isEnvFileName).sort();
  const inIndex = tracked ?? (gitRoot ? gitListFiles(root).tracked : new Set<string>());
  const isIgnored = gitRoot ? setHas(gitIgnored(root, paths)) : gitignoreMatcher(tree.gitignores);
  return paths.map((file) => {
    let text = '';
    try {
      const buffer = readFileSync(path.join(root, file));
      if (buffer.length <= MAX_FILE_BYTES && !buffer.includes(0)) text = buffer.toString('utf8');
    } catch {
      // An unreadable env file still counts as present; it simply defines nothing we can see.
    }
    return {
      path: file,
      variables: parseEnvVariables(text),
      tracked: inIndex.has(file),
      ignored: isIgnored(file),
    };
  });
}

/** The env template a project keeps at its root (`.env.example`, or another such as `.env.local.example`), or `.env.example`. */
export function envTemplateFile(envFiles: readonly EnvFile[]): string {
  const templates = envFiles.filter((env) => isEnvTemplate(env.path) && !env.path.includes('/'));
  return (templates.find((env) => env.path === '.env.example') ?? templates[0])?.path ?? '.env.example';
}

const setHas =
  (set: ReadonlySet<string>) =>
  (item: string): boolean =>
    set.has(item);
