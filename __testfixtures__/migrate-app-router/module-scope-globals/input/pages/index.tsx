import { isMac, shortcuts } from '../lib/shortcuts';
import { formatDate } from '../lib/format';

shortcuts.set('?', () => {});

export default function Home() {
  return (
    <p>
      Press {isMac ? '⌘' : 'Ctrl'}+K. Today is {formatDate(new Date(2026, 0, 1))}.
    </p>
  );
}
