import { afterAll, beforeAll, describe } from 'vitest';
import { loadSqlParser } from '../../src/sql/sql-reader.ts';
import { openPostgres, type Database } from '../../src/verify/database.ts';
import { cleanTempDirs } from '../helpers.ts';
import { dropRolesCreatedSince, existingSupabaseRoles } from '../../src/verify/server.ts';
import { verifySuite } from './suite.ts';
import { holdServerRolesLock } from '../db/server-roles.ts';

const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

const name = `shipshape_test_verify_${process.pid}`;
let admin: Database;
let db: Database;
let rolesBefore: Set<string>;

describe.skipIf(!url)('verify on PostgreSQL', () => {
  holdServerRolesLock(url!);

  beforeAll(async () => {
    await loadSqlParser();
    admin = await openPostgres(url!);
    rolesBefore = await existingSupabaseRoles(admin);
    await admin.exec(`drop database if exists ${name}`);
    await admin.exec(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    db = await openPostgres(target.toString());
  });

  afterAll(async () => {
    await db?.close();
    await admin?.exec(`drop database if exists ${name}`);
    if (admin) await dropRolesCreatedSince(admin, rolesBefore);
    await admin?.close();
    cleanTempDirs();
  });

  verifySuite(() => db);
});
