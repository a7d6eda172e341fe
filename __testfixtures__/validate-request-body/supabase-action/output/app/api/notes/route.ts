import { supabase } from "@/lib/supabase"
import { z } from "zod"

const NotesInput = z.object({
  title: z.string(),
  body: z.string().nullish(),
  pinned: z.boolean().optional(),
})

export async function POST(req: Request) {
  const note = await req.json()
  const notesInput = NotesInput.safeParse(note)
  if (!notesInput.success) return Response.json({ error: notesInput.error.issues }, { status: 400 })
  // TODO(shipshape): set user_id from the signed-in user; the schema leaves it out so callers cannot choose it
  const { data, error } = await supabase.from("notes").insert([notesInput.data]).select().single()
  if (error) return Response.json({ error: error.message }, { status: 500 })
  return Response.json(data)
}

export async function PUT(req: Request) {
  const note = await req.json()
  const notesInput = NotesInput.partial().safeParse(note)
  if (!notesInput.success) return Response.json({ error: notesInput.error.issues }, { status: 400 })
  const { error } = await supabase.from("notes").update(notesInput.data).eq("id", note.id)
  if (error) return Response.json({ error: error.message }, { status: 500 })
  return new Response(null, { status: 204 })
}
