import { allPosts } from ".contentlayer/generated"
import Card from "@components/card"
import Head from "next/head"
import { useState } from "react"

export default function Blog() {
  const [open, setOpen] = useState(false)
  return (
    <main>
      <Head>
        <title>Blog</title>
      </Head>
      <button onClick={() => setOpen(!open)}>{open ? "Hide" : "Show"}</button>
      {open && allPosts.map((post) => <Card key={post.slug} title={post.title} />)}
    </main>
  )
}
