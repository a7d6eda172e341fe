import { Settings } from '../../components/Settings';

export default function Page() {
  return <Settings />;
}
