import { useRouter } from 'next/router';
import { submitFlow } from '../lib/auth';

export default function Registration({ flow }: { flow: { id: string; returnTo?: string } }) {
  const router = useRouter();
  const onSubmit = (values: Record<string, string>) =>
    router
      // Keep the flow in the URL so a reload does not lose the form.
      .push(`/registration?flow=${flow.id}`)
      .then(() =>
        submitFlow(flow.id, values).then(() => {
          return router.push(flow.returnTo || '/').then(() => {});
        }),
      );
  const cancel = () => {
    return router.replace('/').then(() => 'cancelled');
  };
  return <form onSubmit={() => onSubmit({})} onReset={cancel} />;
}
