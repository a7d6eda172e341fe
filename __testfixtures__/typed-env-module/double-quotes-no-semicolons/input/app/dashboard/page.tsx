import { Share } from "../../components/Share"
import { region } from "../../lib/config"

export default function Dashboard() {
  return (
    <main>
      {region} <Share />
    </main>
  )
}
