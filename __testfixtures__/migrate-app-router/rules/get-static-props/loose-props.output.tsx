interface Props {
  price: string;
}

const getPageProps = async () => {
  return { props: { price: 150 } };
};

function Product({ price }: Props) {
  return <p>{price}</p>;
}

export default async function Page() {
  const result = await getPageProps();
  return <Product {...(result.props as unknown as React.ComponentProps<typeof Product>)} />;
}
