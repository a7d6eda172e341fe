"use server"

import { supabase } from "@/lib/supabase"

export async function saveProfile(formData: FormData) {
  const values = Object.fromEntries(formData)
  const { error } = await supabase.from("profiles").insert(values)
  if (error) throw error
}
