import clsx from 'clsx';

export function TaskCard({ title, done }: { title: string; done: boolean }) {
  return <div className={clsx('card', done && 'card--done')}>{title}</div>;
}
