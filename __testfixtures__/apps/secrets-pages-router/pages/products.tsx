import { useEffect, useState } from 'react';
import { supabase } from '../lib/supabase';

type Product = { id: number; name: string };

export default function Products() {
  const [products, setProducts] = useState<Product[]>([]);

  useEffect(() => {
    supabase.from('products').select('id, name').limit(50).then(({ data }) => setProducts(data ?? []));
  }, []);

  async function archive(id: number) {
    await supabase.from('products').update({ archived: true }).eq('id', id);
    setProducts((current) => current.filter((product) => product.id !== id));
  }

  return (
    <ul>
      {products.map((product) => (
        <li key={product.id} onClick={() => archive(product.id)}>{product.name}</li>
      ))}
    </ul>
  );
}
