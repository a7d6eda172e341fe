import { requirePackage } from './require-package.cjs';

/** picocolors, loaded as CommonJS packages are here (see require-package.cjs). */
export const pc = requirePackage<typeof import('picocolors')>('picocolors');
