import { YMaps, Map, Placemark } from '@pbe/react-yandex-maps'

const API_KEY = "3f1c9a72-58de-4b0e-9c4a-7d2e61b0f935"

export default function Location({ center }) {
  return (
    <YMaps query={{ apikey: API_KEY, lang: 'ru_RU' }}>
      <Map defaultState={{ center, zoom: 12 }}>
        <Placemark geometry={center} />
      </Map>
    </YMaps>
  )
}
