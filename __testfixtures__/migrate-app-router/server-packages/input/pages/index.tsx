export default function Home() {
  return <main>Titles</main>;
}
