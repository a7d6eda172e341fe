import { useState } from "react"
import { openai } from "@/lib/openai"

export function Chat() {
  const [answer, setAnswer] = useState("")
  const [model] = useState("gpt-4o-mini")

  async function ask(question: string) {
    const completion = await openai.chat.completions.create({
      model,
      messages: [{ role: "user", content: question }],
    })
    setAnswer(completion.choices[0]?.message.content ?? "")
  }

  return <button onClick={() => ask("What is RLS?")}>{answer}</button>
}
