export async function getStaticPaths({ locales }) {
  const paths = ['a', 'b'].flatMap((slug) => locales.map((locale) => ({ params: { slug }, locale })));
  return { paths, fallback: true };
}
