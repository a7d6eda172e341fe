export async function geocode(address) {
  const res = await fetch(`https://geocoder.example-maps.net/v1/?q=${encodeURIComponent(address)}`)
  return res.json()
}
