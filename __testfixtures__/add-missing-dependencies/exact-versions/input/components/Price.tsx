import clsx from 'clsx';
import get from 'lodash/get';

export function Price({ item }: { item: object }) {
  return <span className={clsx('price')}>{get(item, 'price.amount')}</span>;
}
