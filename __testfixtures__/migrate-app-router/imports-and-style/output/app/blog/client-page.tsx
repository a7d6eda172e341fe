"use client"

import { allPosts } from ".contentlayer/generated"
import Card from "@components/card"
import { useState } from "react"

export default function Blog() {
  const [open, setOpen] = useState(false)
  return (
    <main>
      <button onClick={() => setOpen(!open)}>{open ? "Hide" : "Show"}</button>
      {open && allPosts.map((post) => <Card key={post.slug} title={post.title} />)}
    </main>
  )
}
