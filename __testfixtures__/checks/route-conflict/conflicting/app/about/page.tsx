export default function About() {
  return <p>about</p>;
}
