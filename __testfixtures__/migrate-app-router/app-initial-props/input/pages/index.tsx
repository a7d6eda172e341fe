export default function Home() {
  return <h1>Scouting</h1>;
}
