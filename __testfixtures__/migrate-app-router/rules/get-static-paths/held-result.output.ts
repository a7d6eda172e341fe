import { listDocs } from '../../lib/docs';

export async function generateStaticParams() {
  const docs = await listDocs();
  const result = { paths: docs.map((doc) => ({ params: { id: doc.id } })), fallback: false };
  return result.paths.map(
    (path) => (typeof path === 'string' ? { id: (path as string).split('/')[2] } : (path as { params: Record<string, string | string[]> }).params)
  );
}
export const dynamicParams = false;
