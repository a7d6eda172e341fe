import { connectLinks } from "../pages/about"

export default function Footer() {
  return <footer>{connectLinks.length} links</footer>
}
