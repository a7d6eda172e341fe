export default function Page() {
  return <p>{process.env.NODE_ENV}</p>;
}
