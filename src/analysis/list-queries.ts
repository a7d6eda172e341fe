/**
 * List queries: which reads have no page size, where their rows go (a response, a count, a loop,
 * a write), what their filters scope them to, and whether a page can be added. The parts live in
 * `list-queries/`; checks and transforms import them from here.
 */
export { isUnboundedFindMany, unboundedSelectEnd, unboundedSqlText } from './list-queries/unbounded.ts';
export { type QueryShape, type RowFlow } from './list-queries/row-uses.ts';
export { ancestorsAbove, rowFlow } from './list-queries/row-flow.ts';
export { boundFixApplies, countableFindMany, sqlColumnList, sqlPaging } from './list-queries/paging.ts';
export { type Equality, type QueryFilters, queryFilters } from './list-queries/filters.ts';
