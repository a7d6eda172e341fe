export const generateStaticParams = async () => {
  return [];
};
export const dynamicParams = true;
