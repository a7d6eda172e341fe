import { Price } from '../../components/Price';

export default function Page() {
  return <Price cents={100} />;
}
