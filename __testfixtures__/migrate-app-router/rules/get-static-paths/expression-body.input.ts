import type { GetStaticPaths } from 'next';

export const getStaticPaths: GetStaticPaths = async () => ({ paths: [], fallback: 'blocking' });
