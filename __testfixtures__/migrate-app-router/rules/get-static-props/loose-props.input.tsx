import type { GetStaticProps } from 'next';

interface Props {
  price: string;
}

export const getStaticProps: GetStaticProps = async () => {
  return { props: { price: 150 } };
};

export default function Product({ price }: Props) {
  return <p>{price}</p>;
}
