export default function Post() {
  return <p>post</p>;
}
