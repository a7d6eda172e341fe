'use client';

import { createBrowserClient } from '@supabase/ssr';

const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export function DirectUpload() {
  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file || file.size > 1_000_000) return;
    await supabase.storage.from('public').upload(file.name, file);
  }
  return <input type="file" accept="image/*" onChange={onChange} />;
}
