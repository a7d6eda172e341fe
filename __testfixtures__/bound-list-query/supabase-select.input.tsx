'use client';
import { useEffect, useState } from 'react';
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export default function Notes({ userId }: { userId: string }) {
  const [notes, setNotes] = useState<{ id: string; title: string }[]>([]);
  const [tags, setTags] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    supabase.from('notes').select('id, title, created_at').eq('user_id', userId).order('created_at', { ascending: false }).then(({ data }) => setNotes(data ?? []));
    supabase.from('tags').select('*').then(({ data }) => setTags(data ?? []));
  }, [userId]);
  if (notes.length === 0) return <p>No notes yet</p>;
  return (
    <ul>
      {notes.map((note) => <li key={note.id}>{note.title}</li>)}
      {tags.map((tag) => <li key={tag.id}>{tag.name}</li>)}
    </ul>
  );
}
