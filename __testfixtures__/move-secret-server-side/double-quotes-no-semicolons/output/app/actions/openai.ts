"use server"
import "server-only"
import OpenAI from "openai"

// Runs only on the server: the key below never reaches the browser.
const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
})

export async function createChatCompletion(model: string, question: string) {
  // TODO(shipshape): check the caller's session: anyone can call a server action with a POST request
  const result = await openai.chat.completions.create({
    model,
    messages: [{ role: "user", content: question }],
  })
  return result.choices[0]?.message.content
}
