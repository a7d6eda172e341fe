import { Header } from '../../components/Header';
import { Avatar } from '../../components/Avatar';

export default function Account() {
  return (
    <main>
      <Header token="" />
      <Avatar token="" />
    </main>
  );
}
