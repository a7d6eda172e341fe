/** Loads a CommonJS package from shipshape's own dependencies. */
export declare function requirePackage<T>(name: string): T;
