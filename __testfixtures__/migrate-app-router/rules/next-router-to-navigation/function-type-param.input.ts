import { NextRouter } from 'next/router';

type OnSubmit = (create: boolean, router: NextRouter) => () => void;

export const onSubmit: OnSubmit = (create, router) => () => {
  if (create) router.push('/matches');
};
