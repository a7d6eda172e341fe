import { AdminLink } from '../../components/AdminLink';

export default function Settings() {
  return <AdminLink />;
}
