'use client';

import Pagination from './pagination';

export function ProductList({ page, total }: { page: number; total: number }) {
  return <Pagination currentPage={page} totalItems={total} renderPageLink={(n) => `/category/${n}`} />;
}
