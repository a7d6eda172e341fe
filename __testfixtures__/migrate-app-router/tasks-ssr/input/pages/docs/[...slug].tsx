import type { GetServerSideProps } from 'next';

type Props = { path: string[]; format: string };

export const getServerSideProps: GetServerSideProps<Props> = async ({ params, query }) => {
  const slug = params?.slug;
  return { props: { path: Array.isArray(slug) ? slug : [], format: typeof query.format === 'string' ? query.format : 'html' } };
};

export default function Docs({ path, format }: Props) {
  return (
    <p>
      {path.join(' / ')} ({format})
    </p>
  );
}
