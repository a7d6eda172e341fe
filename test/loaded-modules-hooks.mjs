import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let out = '';
let thread = 0;

export function initialize(data) {
  ({ out, thread } = data);
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(out, `${thread} ${fileURLToPath(url)}\n`);
  return nextLoad(url, context);
}
