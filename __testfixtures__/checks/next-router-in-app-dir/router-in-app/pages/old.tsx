import { useRouter } from 'next/router';

export default function Old() {
  const { query } = useRouter();
  return <p>{query.id}</p>;
}
