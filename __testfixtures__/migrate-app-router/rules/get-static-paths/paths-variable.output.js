// TODO(shipshape): `locales` from the getStaticPaths context has no App Router equivalent: there is no built-in i18n
// TODO(shipshape): `fallback: true` rendered a fallback page first: the App Router renders on demand instead; put a loading state in `loading.tsx`
export async function generateStaticParams({ locales }) {
  const paths = ['a', 'b'].flatMap((slug) => locales.map((locale) => ({ params: { slug }, locale })));
  return paths.map(
    (path) => (typeof path === 'string' ? { lang: path.split('/')[1], slug: path.split('/').slice(2).filter(Boolean) } : path.params)
  );
}
export const dynamicParams = true;
