import Link from 'next/link';
import { useRouter } from 'next/router';

export default function Post() {
  const { query, asPath } = useRouter();
  return <Link href={`${asPath}#comments`}>{query.slug}</Link>;
}
