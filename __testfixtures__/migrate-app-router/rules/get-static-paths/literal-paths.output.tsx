export const generateStaticParams = async () => {
  return [{ id: '1' }, { id: '2' }];
};
export const dynamicParams = false;
