import appRouterUnsupportedFeature from './checks/app-router-unsupported-feature.ts';
import clientSideFiltering from './checks/client-side-filtering.ts';
import dbConnectionPerRequest from './checks/db-connection-per-request.ts';
import envFileNotIgnored from './checks/env-file-not-ignored.ts';
import envVarUndefined from './checks/env-var-undefined.ts';
import envVarUndocumented from './checks/env-var-undocumented.ts';
import fetchWithoutTimeout from './checks/fetch-without-timeout.ts';
import hardcodedSecret from './checks/hardcoded-secret.ts';
import missingLockfile from './checks/missing-lockfile.ts';
import nextNavigationInPages from './checks/next-navigation-in-pages.ts';
import nextRouterInAppDir from './checks/next-router-in-app-dir.ts';
import nextConfigIgnoresBuildErrors from './checks/next-config-ignores-build-errors.ts';
import nPlusOneQuery from './checks/n-plus-one-query.ts';
import parseError from './checks/parse-error.ts';
import prismaClientDuplicated from './checks/prisma-client-duplicated.ts';
import prismaClientPerRequest from './checks/prisma-client-per-request.ts';
import publicEnvSecret from './checks/public-env-secret.ts';
import rawSqlInterpolation from './checks/raw-sql-interpolation.ts';
import routeConflict from './checks/route-conflict.ts';
import serverlessDbUrlWithoutPooler from './checks/serverless-db-url-without-pooler.ts';
import unboundedQuery from './checks/unbounded-query.ts';
import undeclaredDependency from './checks/undeclared-dependency.ts';
import * as addMissingDependencies from '../transforms/add-missing-dependencies.ts';
import * as boundListQuery from '../transforms/bound-list-query.ts';
import * as extractHardcodedSecret from '../transforms/extract-hardcoded-secret.ts';
import * as fetchTimeout from '../transforms/fetch-timeout.ts';
import * as migrateAppRouter from '../transforms/migrate-app-router.ts';
import * as generateEnvExample from '../transforms/generate-env-example.ts';
import * as ignoreEnvFiles from '../transforms/ignore-env-files.ts';
import * as parameterizeRawSql from '../transforms/parameterize-raw-sql.ts';
import * as pgPool from '../transforms/pg-pool.ts';
import * as prismaPoolerConfig from '../transforms/prisma-pooler-config.ts';
import * as prismaSingleton from '../transforms/prisma-singleton.ts';
import * as removeBuildErrorIgnores from '../transforms/remove-build-error-ignores.ts';
import * as renamePublicSecretEnv from '../transforms/rename-public-secret-env.ts';
import type { Transform } from './engine/transform-types.ts';
import type { Check } from './types.ts';

export const CHECKS: readonly Check[] = [
  appRouterUnsupportedFeature,
  clientSideFiltering,
  dbConnectionPerRequest,
  envFileNotIgnored,
  envVarUndefined,
  envVarUndocumented,
  fetchWithoutTimeout,
  hardcodedSecret,
  missingLockfile,
  nextConfigIgnoresBuildErrors,
  nextNavigationInPages,
  nextRouterInAppDir,
  nPlusOneQuery,
  parseError,
  prismaClientDuplicated,
  prismaClientPerRequest,
  publicEnvSecret,
  rawSqlInterpolation,
  routeConflict,
  serverlessDbUrlWithoutPooler,
  unboundedQuery,
  undeclaredDependency,
];

export const TRANSFORMS: readonly Transform[] = [
  { kind: 'project', meta: addMissingDependencies.meta, plan: addMissingDependencies.plan },
  { kind: 'file', meta: boundListQuery.meta, transform: boundListQuery.default, parser: boundListQuery.parser },
  { kind: 'project', meta: extractHardcodedSecret.meta, plan: extractHardcodedSecret.plan },
  { kind: 'file', meta: fetchTimeout.meta, transform: fetchTimeout.default, parser: fetchTimeout.parser },
  { kind: 'project', meta: generateEnvExample.meta, plan: generateEnvExample.plan },
  { kind: 'project', meta: ignoreEnvFiles.meta, plan: ignoreEnvFiles.plan },
  { kind: 'project', meta: migrateAppRouter.meta, plan: migrateAppRouter.plan },
  { kind: 'file', meta: parameterizeRawSql.meta, transform: parameterizeRawSql.default, parser: parameterizeRawSql.parser },
  { kind: 'project', meta: pgPool.meta, plan: pgPool.plan },
  { kind: 'project', meta: prismaPoolerConfig.meta, plan: prismaPoolerConfig.plan },
  { kind: 'project', meta: prismaSingleton.meta, plan: prismaSingleton.plan },
  { kind: 'file', meta: removeBuildErrorIgnores.meta, transform: removeBuildErrorIgnores.default, parser: removeBuildErrorIgnores.parser },
  { kind: 'project', meta: renamePublicSecretEnv.meta, plan: renamePublicSecretEnv.plan },
];

export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS.map((check) => check.meta.id));

export function findCheck(id: string): Check | undefined {
  return CHECKS.find((check) => check.meta.id === id);
}

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((transform) => transform.meta.id === id);
}
