import { getProduct, type Product } from '../../lib/products';

import { notFound } from 'next/navigation';

const loadProductPageData = async ({ params }: { params: { id: string } }) => {
  // TODO(shipshape): the response object is gone in the App Router: set this header in middleware or `headers()` in next.config, or move the write to a route handler: res.setHeader('X-Robots-Tag', 'noindex');
  const product = await getProduct(params!.id as string);
  if (!product) return notFound();
  return { product };
};

export const revalidate = 300;

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { product }: { product: Product } = await loadProductPageData({ params: await params });
  return <h1>{product.name}</h1>;
}
