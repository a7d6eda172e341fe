'use client';
import { useEffect, useState } from 'react';
import { createClient } from '@supabase/supabase-js';

const serviceKey = process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY!;
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, serviceKey);

export default function AdminPage() {
  const [notes, setNotes] = useState<{ id: number; title: string }[]>([]);

  useEffect(() => {
    supabase.from('notes').select('id, title').limit(50).then(({ data }) => setNotes(data ?? []));
  }, []);

  async function remove(id: number) {
    await supabase.from('notes').delete().eq('id', id);
    setNotes((current) => current.filter((note) => note.id !== id));
  }

  return (
    <ul>
      {notes.map((note) => (
        <li key={note.id} onClick={() => remove(note.id)}>{note.title}</li>
      ))}
    </ul>
  );
}
