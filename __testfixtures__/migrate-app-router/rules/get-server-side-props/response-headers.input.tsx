import type { GetServerSideProps } from 'next';
import { getProduct, type Product } from '../../lib/products';

export const getServerSideProps: GetServerSideProps<{ product: Product }> = async ({ params, res }) => {
  res.setHeader('Cache-Control', 'public, s-maxage=300, stale-while-revalidate=60');
  res.setHeader('X-Robots-Tag', 'noindex');
  const product = await getProduct(params!.id as string);
  if (!product) return { notFound: true };
  return { props: { product } };
};

export default function ProductPage({ product }: { product: Product }) {
  return <h1>{product.name}</h1>;
}
