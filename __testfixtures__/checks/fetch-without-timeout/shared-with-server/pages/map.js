import { geocode } from '../components/geocode'

export default function MapPage() {
  return <button onClick={() => geocode('Moscow')}>find</button>
}
