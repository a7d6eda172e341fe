export default function Card({ title }: { title: string }) {
  return <article>{title}</article>
}
