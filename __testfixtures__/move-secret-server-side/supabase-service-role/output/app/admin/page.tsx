'use client';
import { useEffect, useState } from 'react';
import { createClient } from '@supabase/supabase-js';
import { deleteNote } from '../actions/supabase-admin';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export default function AdminPage() {
  const [notes, setNotes] = useState<{ id: number; title: string }[]>([]);

  useEffect(() => {
    supabase.from('notes').select('id, title').limit(50).then(({ data }) => setNotes(data ?? []));
  }, []);

  async function remove(id: number) {
    await deleteNote(id);
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
