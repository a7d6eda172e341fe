import { NameAmount } from 'global';
import { format } from 'date-fns';
import { rupiah } from '$lib/format';
import { palette } from 'styles/palette';
import clsx from 'clsx';

export function Transaction({ item }: { item: NameAmount }) {
  return <p className={clsx('row')} style={{ color: palette.ink }}>{rupiah(item.amount)} {format(new Date(), 'PP')}</p>;
}
