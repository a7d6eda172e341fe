export const config = { amp: 'hybrid' };

export default function News() {
  return <p>news</p>;
}
