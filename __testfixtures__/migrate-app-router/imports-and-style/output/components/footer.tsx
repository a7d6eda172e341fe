import { connectLinks } from "../app/about/page-exports"

export default function Footer() {
  return <footer>{connectLinks.length} links</footer>
}
