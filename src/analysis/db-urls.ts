import type { EnvUrl } from '../project/types.ts';

export function isPostgresUrl(url: EnvUrl): boolean {
  return url.protocol === 'postgres' || url.protocol === 'postgresql';
}

/** Supabase's direct host (`db.<ref>.supabase.co`), which serverless functions exhaust. */
export function isSupabaseDirect(url: EnvUrl): boolean {
  return /^db\.[a-z0-9]+\.supabase\.co$/i.test(url.host) && (url.port === '' || url.port === '5432');
}

/** A Neon host without `-pooler`: one connection per function instance. */
export function isNeonDirect(url: EnvUrl): boolean {
  return /\.neon\.tech$/i.test(url.host) && !/-pooler\./i.test(url.host);
}

/** A transaction-mode pooler (Supavisor or PgBouncer on 6543, Neon's `-pooler`), where prepared statements break. */
export function isTransactionPooler(url: EnvUrl): boolean {
  return url.port === '6543' || /-pooler\./i.test(url.host) || url.params.pgbouncer === 'true';
}

/** Variables that exist for migrations, where a direct connection is right. */
export function isDirectUrlName(name: string): boolean {
  return /DIRECT|UNPOOLED|NON_POOLING|MIGRAT/i.test(name);
}

/** The hosting provider a database URL belongs to, for the right URL templates. */
export function providerOf(url: EnvUrl): 'supabase' | 'neon' | 'other' {
  if (/\.supabase\.(co|com)$/i.test(url.host)) return 'supabase';
  if (/\.neon\.tech$/i.test(url.host)) return 'neon';
  return 'other';
}
