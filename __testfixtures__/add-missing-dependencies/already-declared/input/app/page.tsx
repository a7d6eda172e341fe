import 'server-only';
import fs from 'node:fs';
import path from 'path';
import { createClient } from '@supabase/supabase-js';
import Link from 'next/link';
import { ok } from '@/lib';
import { ok as again } from '~lib';
import { ok as fromBaseUrl } from 'src/lib';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: String(ok && again && fromBaseUrl) };
export default async function Page() {
  const { default: React } = await import('react');
  createClient('a', 'b');
  return <Link href="/">{fs.existsSync(path.join('.')) ? 'x' : 'y'}{String(React)}</Link>;
}
