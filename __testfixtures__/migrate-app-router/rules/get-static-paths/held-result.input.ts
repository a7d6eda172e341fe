import { listDocs } from '../../lib/docs';

export async function getStaticPaths() {
  const docs = await listDocs();
  const result = { paths: docs.map((doc) => ({ params: { id: doc.id } })), fallback: false };
  return result;
}
