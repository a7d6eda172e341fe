import type { Metadata } from "next"
import Blog from "./client-page"

export const metadata: Metadata = {
  title: "Blog",
}

export default function Page() {
  return <Blog />
}
