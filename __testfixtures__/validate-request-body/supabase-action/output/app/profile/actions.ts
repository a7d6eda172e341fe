"use server"

import { supabase } from "@/lib/supabase"
import { z } from "zod"

const ProfilesInput = z.object({
  display_name: z.string(),
  bio: z.string().nullish(),
})

export async function saveProfile(formData: FormData) {
  const values = Object.fromEntries(formData)
  const profilesInput = ProfilesInput.safeParse(values)
  if (!profilesInput.success) throw new Error("Invalid input")
  // TODO(shipshape): set user_id from the signed-in user; the schema leaves it out so callers cannot choose it
  const { error } = await supabase.from("profiles").insert(profilesInput.data)
  if (error) throw error
}
