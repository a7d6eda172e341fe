import { Nav } from '@/components/nav';

export default function About() {
  return (
    <main>
      <Nav />
      <p>A task list that renders on the server.</p>
    </main>
  );
}
