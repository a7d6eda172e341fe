'use strict';
// CommonJS on purpose. Node's ESM loader reads a CommonJS package's whole source to find its export
// names on every start (65 ms for @babel/parser alone); `require` does not. `createRequire(import.meta.url)`
// would do the same from an ES module, but the transforms also run under jscodeshift's Babel register,
// which compiles them to CommonJS, where `import.meta` does not parse. This file loads in both.

/** Loads a CommonJS package from shipshape's own dependencies. */
exports.requirePackage = (name) => require(name);
