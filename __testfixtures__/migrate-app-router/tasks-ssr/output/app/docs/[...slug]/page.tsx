type Props = { path: string[]; format: string };

const loadDocsData = async ({ params, query }: { params: { slug: string[] }; query: Record<string, string | string[] | undefined> }) => {
  const slug = params?.slug;
  return { path: Array.isArray(slug) ? slug : [], format: typeof query.format === 'string' ? query.format : 'html' };
};

export const dynamic = 'force-dynamic';

export default async function Docs(
  { params, searchParams }: { params: Promise<{ slug: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> }
) {
  const { path, format }: Props = await loadDocsData({ params: await params, query: { ...(await searchParams), ...(await params) } });
  return (
    <p>
      {path.join(' / ')} ({format})
    </p>
  );
}
