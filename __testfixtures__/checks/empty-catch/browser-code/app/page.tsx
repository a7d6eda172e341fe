import { OrderForm } from './components/form';

export default function Page() {
  return <OrderForm />;
}
