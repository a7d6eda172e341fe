export const generateStaticParams = async () => {
  return Array.from({ length: 3 }).map((_, i) => `/category/${i + 2}`).map(
    (path) => (typeof path === 'string' ? { page: (path as string).split('/')[2] } : (path as { params: Record<string, string | string[]> }).params),
  );
};
export const dynamicParams = true;
