import Link from 'next/link';
import { useParams, usePathname, useSearchParams } from 'next/navigation';

export default function Post() {
  const params = useParams() ?? {};
  const searchParams = useSearchParams();

  const query = {
    ...Object.fromEntries(searchParams?.entries() ?? []),
    ...params
  };

  const pathname = usePathname() ?? '';
  const asPath = searchParams?.size ? `${pathname}?${searchParams}` : pathname;
  return <Link href={`${asPath}#comments`}>{query.slug}</Link>;
}
