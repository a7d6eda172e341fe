import { supabase } from "@/lib/supabase"

export async function POST(req: Request) {
  const note = await req.json()
  const { data, error } = await supabase.from("notes").insert([note]).select().single()
  if (error) return Response.json({ error: error.message }, { status: 500 })
  return Response.json(data)
}

export async function PUT(req: Request) {
  const note = await req.json()
  const { error } = await supabase.from("notes").update(note).eq("id", note.id)
  if (error) return Response.json({ error: error.message }, { status: 500 })
  return new Response(null, { status: 204 })
}
