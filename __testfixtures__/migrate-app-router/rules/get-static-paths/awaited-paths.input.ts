import { getSubdomainPaths } from '../../lib/db';

export async function getStaticPaths() {
  return {
    paths: await getSubdomainPaths(),
    fallback: false,
  };
}
