export async function generateStaticParams() {
  return [{ slug: 'a' }];
}

export const dynamicParams = false;
