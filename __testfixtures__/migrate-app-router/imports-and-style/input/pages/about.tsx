import Card from "@components/card"

export const connectLinks = [
  { href: "https://github.com/example", label: "GitHub" },
]

export default function About() {
  return (
    <main>
      <Card title="About" />
      {connectLinks.map((link) => <a key={link.href} href={link.href}>{link.label}</a>)}
    </main>
  )
}
