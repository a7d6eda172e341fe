const apiKey = "c81e728d-9d4c-4f2d-a3b1-5e6f7a8b9c0d"

export default function Widget() {
  return <Widget apiKey={apiKey} />
}
