type Props = { path: string[]; format: string };

const getPageProps = async ({ params, query }: { params: { slug: string[] }; query: Record<string, string | string[] | undefined> }) => {
  const slug = params?.slug;
  return { props: { path: Array.isArray(slug) ? slug : [], format: typeof query.format === 'string' ? query.format : 'html' } };
};

export const dynamic = 'force-dynamic';

function Docs({ path, format }: Props) {
  return (
    <p>
      {path.join(' / ')} ({format})
    </p>
  );
}

export default async function Page({ params, searchParams }: { params: Promise<{ slug: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const result = await getPageProps({ params: await params, query: { ...(await searchParams), ...(await params) } });
  return <Docs {...result.props} />;
}
