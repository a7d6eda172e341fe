import type { Severity } from '../severity.ts';

export type PackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

export interface PathAliases {
  /** tsconfig/jsconfig `paths` keys, e.g. `@/*`. */
  patterns: string[];
  /** Top-level entries of `baseUrl`, which make bare-looking imports local. */
  baseUrlEntries: string[];
}

export interface PackageInfo {
  /** Relative to the scanned root ('' for the root itself). */
  dir: string;
  name: string | null;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  /** Directory of the workspace root this package belongs to, when it is a member. */
  workspaceRoot: string | null;
  isWorkspaceRoot: boolean;
  next: { range: string | null; installed: string | null } | null;
  /** Prisma's client, whose major version decides where connection URLs live (7 moves them to prisma.config.ts). */
  prisma: { range: string | null; installed: string | null } | null;
  routers: string[];
  packageManager: PackageManager | null;
  /** The lockfile that governs this package, relative to the scanned root, or null. */
  lockfile: string | null;
  /** A lockfile outside the scanned root (a monorepo scanned from inside) still counts. */
  lockfileOutsideRoot: boolean;
  databases: string[];
  prismaSchema: string | null;
  prismaMigrations: string | null;
  supabaseMigrations: string | null;
  aliases: PathAliases;
}

export interface EnvVariable {
  name: string;
  line: number;
  /** For a URL value: where it points, without credentials. The value itself is never kept. */
  url?: EnvUrl;
  /** What kind of secret the value is by its shape (`Stripe secret key`, …), when it is one. */
  secret?: string;
  /** The `role` claim of a JWT value (`anon`, `service_role`). */
  jwtRole?: string;
}

export interface EnvUrl {
  protocol: string;
  host: string;
  port: string;
  /** Query parameter names, with the values of the few that say how a connection pools. */
  params: Record<string, string>;
}

export interface EnvFile {
  path: string;
  variables: EnvVariable[];
  tracked: boolean;
  ignored: boolean;
}

export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'unreadable' | 'symlink outside the project';
}

export interface ShipshapeConfig {
  ignore: string[];
  disable: string[];
  severity: Record<string, Severity>;
  answers: Record<string, string | number | boolean>;
  /** Where the configuration came from, for messages. */
  source: string | null;
}

/** Plain data, so it can cross into worker threads. */
export interface Project {
  root: string;
  git: { isRepo: boolean; topLevel: string | null };
  files: string[];
  skipped: SkippedFile[];
  packages: PackageInfo[];
  envFiles: EnvFile[];
  config: ShipshapeConfig;
}
