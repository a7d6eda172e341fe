export const getStaticPaths = async () => {
  return {
    paths: Array.from({ length: 3 }).map((_, i) => `/category/${i + 2}`),
    fallback: 'blocking',
  };
};
