import Card from "@components/card"
import { connectLinks } from "./page-exports"

export default function About() {
  return (
    <main>
      <Card title="About" />
      {connectLinks.map((link) => <a key={link.href} href={link.href}>{link.label}</a>)}
    </main>
  )
}
