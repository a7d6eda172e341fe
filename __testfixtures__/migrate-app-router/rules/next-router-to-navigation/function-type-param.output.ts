import type { AppRouterInstance } from 'next/dist/shared/lib/app-router-context.shared-runtime';

type OnSubmit = (create: boolean, router: AppRouterInstance) => () => void;

export const onSubmit: OnSubmit = (create, router) => () => {
  if (create) router.push('/matches');
};
