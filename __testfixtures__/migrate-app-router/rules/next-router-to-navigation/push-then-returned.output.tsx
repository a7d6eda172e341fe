import { submitFlow } from '../lib/auth';
import { useRouter } from 'next/navigation';

export default function Registration({ flow }: { flow: { id: string; returnTo?: string } }) {
  const router = useRouter();
  const onSubmit = (values: Record<string, string>) => {
    router
      // Keep the flow in the URL so a reload does not lose the form.
      .push(`/registration?flow=${flow.id}`);

    return submitFlow(flow.id, values).then(() => {
      router.push(flow.returnTo || '/');
    });
  };
  const cancel = () => {
    router.replace('/');
    return Promise.resolve('cancelled');
  };
  return <form onSubmit={() => onSubmit({})} onReset={cancel} />;
}
