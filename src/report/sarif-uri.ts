/** SARIF uris are URI references: `pages/api/[id].ts` must become `pages/api/%5Bid%5D.ts`. */
export function toUriReference(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
