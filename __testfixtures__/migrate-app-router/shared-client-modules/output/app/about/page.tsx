import { Shell } from '../../components';

export default function About() {
  return <Shell title="About">We make tools.</Shell>;
}
