interface Props {
  price: string;
}

const loadProductData = async () => {
  return { price: 150 };
};

export default async function Product() {
  const { price } = await loadProductData();
  return <p>{price}</p>;
}
