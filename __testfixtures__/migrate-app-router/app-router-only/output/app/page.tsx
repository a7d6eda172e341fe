export default function Home() {
  return <h1>Already on the App Router</h1>;
}
