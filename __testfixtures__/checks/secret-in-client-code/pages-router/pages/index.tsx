import { prisma } from '../lib/prisma';

export default function Home({ products }: { products: { id: string; name: string }[] }) {
  return <ul>{products.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}

export async function getServerSideProps() {
  const products = await prisma.product.findMany({ take: 20 });
  return { props: { products }, token: process.env.ADMIN_TOKEN };
}
