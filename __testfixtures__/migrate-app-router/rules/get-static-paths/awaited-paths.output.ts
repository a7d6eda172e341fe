import { getSubdomainPaths } from '../../lib/db';

export async function generateStaticParams() {
  return (await getSubdomainPaths()).map(
    (path) => (typeof path === 'string' ? { site: (path as string).split('/')[2] } : (path as { params: Record<string, string | string[]> }).params),
  );
}
export const dynamicParams = false;
