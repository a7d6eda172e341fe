import { formatDate } from '../lib/dates';

export function PostHeader({ title, date }: { title: string; date: string }) {
  const onClick = 'not a handler';
  return (
    <header data-on={onClick}>
      <h1>{title}</h1>
      <time>{formatDate(date)}</time>
    </header>
  );
}
