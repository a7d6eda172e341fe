import { YMaps, Map } from '@pbe/react-yandex-maps'

const API_KEY = "3f1c9a72-58de-4b0e-9c4a-7d2e61b0f935"

export async function geocode(address) {
  const res = await fetch('https://internal.example.net/geocode', { headers: { 'X-Api-Key': API_KEY }, method: 'POST', body: address })
  return res.json()
}

export default function Location({ center }) {
  return (
    <YMaps query={{ apikey: API_KEY }}>
      <Map defaultState={{ center, zoom: 12 }} />
    </YMaps>
  )
}
