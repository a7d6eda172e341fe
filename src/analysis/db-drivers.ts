import type { Node } from '@babel/types';
import { walk } from '../engine/walk.ts';
import { specifierImport } from './imported-bindings.ts';

/** How a module refers to the connection constructors of pg, mysql2, postgres.js and the MongoDB drivers. */
export interface DriverNames {
  /** `Client` of pg (or `pg.Client` through these namespace names). */
  pgClient: Set<string>;
  pgNamespace: Set<string>;
  /** `createConnection` of mysql2, or through these namespace names. */
  mysqlCreateConnection: Set<string>;
  mysqlNamespace: Set<string>;
  /** The default export of postgres.js. */
  postgres: Set<string>;
  mongoClient: Set<string>;
  mongoose: Set<string>;
}

export function driverNames(program: Node): DriverNames {
  const names: DriverNames = {
    pgClient: new Set(),
    pgNamespace: new Set(),
    mysqlCreateConnection: new Set(),
    mysqlNamespace: new Set(),
    postgres: new Set(),
    mongoClient: new Set(),
    mongoose: new Set(),
  };
  if (program.type !== 'Program') return names;
  const bind = (source: string, imported: string | null, local: string) => {
    const whole = imported === null;
    if (source === 'pg') {
      if (imported === 'Client') names.pgClient.add(local);
      if (whole) names.pgNamespace.add(local);
    } else if (source === 'mysql2' || source === 'mysql2/promise') {
      if (imported === 'createConnection') names.mysqlCreateConnection.add(local);
      if (whole) names.mysqlNamespace.add(local);
    } else if (source === 'postgres' && whole) {
      names.postgres.add(local);
    } else if (source === 'mongodb' && imported === 'MongoClient') {
      names.mongoClient.add(local);
    } else if (source === 'mongoose' && whole) {
      names.mongoose.add(local);
    }
  };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) {
        const imported = specifier.type === 'ImportSpecifier' ? specifierImport(specifier) : null;
        // A specifier a codemod just built may not carry its local name yet.
        bind(statement.source.value, imported, specifier.local?.name ?? imported ?? '');
      }
    }
    // `const pg = require('pg')` and `const { Client } = require('pg')`
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') continue;
      const [source] = init.arguments;
      if (source?.type !== 'StringLiteral') continue;
      if (declarator.id.type === 'Identifier') bind(source.value, null, declarator.id.name);
      if (declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type === 'ObjectProperty' && property.key.type === 'Identifier' && property.value.type === 'Identifier')
            bind(source.value, property.key.name, property.value.name);
        }
      }
    }
  }
  return names;
}

export type Connection = 'pg' | 'mysql2' | 'postgres.js' | 'mongodb' | 'mongoose';

/** Which driver's connection a node opens: `new Client()`, `createConnection()`, `postgres()`, `new MongoClient()`, `mongoose.connect()`. */
export function opensConnection(node: Node, names: DriverNames): Connection | null {
  if (node.type === 'NewExpression') {
    const callee = node.callee;
    if (callee.type === 'Identifier' && names.pgClient.has(callee.name)) return 'pg';
    if (
      callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      names.pgNamespace.has(callee.object.name) &&
      callee.property.type === 'Identifier' &&
      callee.property.name === 'Client'
    )
      return 'pg';
    if (callee.type === 'Identifier' && names.mongoClient.has(callee.name)) return 'mongodb';
    return null;
  }
  if (node.type !== 'CallExpression') return null;
  const callee = node.callee;
  if (callee.type === 'Identifier' && names.mysqlCreateConnection.has(callee.name)) return 'mysql2';
  if (callee.type === 'Identifier' && names.postgres.has(callee.name)) return 'postgres.js';
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.property.type === 'Identifier') {
    if (names.mysqlNamespace.has(callee.object.name) && callee.property.name === 'createConnection') return 'mysql2';
    if (names.mongoose.has(callee.object.name) && callee.property.name === 'connect') return 'mongoose';
  }
  return null;
}

/**
 * The name of a module-level pg client that the module connects (`const client = new Client(…)`
 * and `client.connect()`), or null: such a client is one connection for every caller.
 */
export function sharedPgClient(program: Node, opening: Node, ancestors: readonly Node[]): string | null {
  const declarator = ancestors.at(-1);
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== opening || declarator.id.type !== 'Identifier') return null;
  const name = declarator.id.name;
  let connected = false;
  const visit = (node: Node) => {
    if (connected || node.type !== 'CallExpression') return;
    const callee = node.callee;
    connected =
      callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      callee.object.name === name &&
      callee.property.type === 'Identifier' &&
      callee.property.name === 'connect';
  };
  walk(program, new Map([['CallExpression', [visit]]]));
  return connected ? name : null;
}
