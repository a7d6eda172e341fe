import appRouterUnsupportedFeature from './checks/app-router-unsupported-feature.ts';
import clientSideFiltering from './checks/client-side-filtering.ts';
import dbConnectionPerRequest from './checks/db-connection-per-request.ts';
import envFileNotIgnored from './checks/env-file-not-ignored.ts';
import envVarUndefined from './checks/env-var-undefined.ts';
import envVarUndocumented from './checks/env-var-undocumented.ts';
import fetchWithoutTimeout from './checks/fetch-without-timeout.ts';
import hardcodedSecret from './checks/hardcoded-secret.ts';
import lookupColumnNotUnique from './checks/lookup-column-not-unique.ts';
import missingLockfile from './checks/missing-lockfile.ts';
import missingPrimaryKey from './checks/missing-primary-key.ts';
import nextNavigationInPages from './checks/next-navigation-in-pages.ts';
import nextRouterInAppDir from './checks/next-router-in-app-dir.ts';
import nextConfigIgnoresBuildErrors from './checks/next-config-ignores-build-errors.ts';
import nPlusOneQuery from './checks/n-plus-one-query.ts';
import nullableOwnerColumn from './checks/nullable-owner-column.ts';
import ownerColumnWithoutForeignKey from './checks/owner-column-without-foreign-key.ts';
import parseError from './checks/parse-error.ts';
import pgClientShared from './checks/pg-client-shared.ts';
import policyColumnUnindexed from './checks/policy-column-unindexed.ts';
import policyUsesUserMetadata from './checks/policy-uses-user-metadata.ts';
import policyWithoutRole from './checks/policy-without-role.ts';
import prismaClientDuplicated from './checks/prisma-client-duplicated.ts';
import prismaClientPerRequest from './checks/prisma-client-per-request.ts';
import publicEnvSecret from './checks/public-env-secret.ts';
import rawSqlInterpolation from './checks/raw-sql-interpolation.ts';
import rlsDisabled from './checks/rls-disabled.ts';
import rlsEnabledNoPolicy from './checks/rls-enabled-no-policy.ts';
import rlsMultiplePermissive from './checks/rls-multiple-permissive.ts';
import rlsPolicyAlwaysTrue from './checks/rls-policy-always-true.ts';
import rlsPolicyInitplan from './checks/rls-policy-initplan.ts';
import routeConflict from './checks/route-conflict.ts';
import secretInClientCode from './checks/secret-in-client-code.ts';
import securityDefinerWithoutSearchPath from './checks/security-definer-without-search-path.ts';
import serverEnvInClient from './checks/server-env-in-client.ts';
import serverModuleWithoutServerOnly from './checks/server-module-without-server-only.ts';
import serverlessDbUrlWithoutPooler from './checks/serverless-db-url-without-pooler.ts';
import serviceRoleKeyInClient from './checks/service-role-key-in-client.ts';
import unboundedQuery from './checks/unbounded-query.ts';
import undeclaredDependency from './checks/undeclared-dependency.ts';
import unindexedForeignKey from './checks/unindexed-foreign-key.ts';
import * as addMissingDependencies from '../transforms/add-missing-dependencies.ts';
import * as addServerOnly from '../transforms/add-server-only.ts';
import * as boundListQuery from '../transforms/bound-list-query.ts';
import * as extractHardcodedSecret from '../transforms/extract-hardcoded-secret.ts';
import * as fetchTimeout from '../transforms/fetch-timeout.ts';
import * as migrateAppRouter from '../transforms/migrate-app-router.ts';
import * as generateEnvExample from '../transforms/generate-env-example.ts';
import * as ignoreEnvFiles from '../transforms/ignore-env-files.ts';
import * as moveSecretServerSide from '../transforms/move-secret-server-side.ts';
import * as parameterizeRawSql from '../transforms/parameterize-raw-sql.ts';
import * as pgPool from '../transforms/pg-pool.ts';
import * as prismaPoolerConfig from '../transforms/prisma-pooler-config.ts';
import * as prismaSchemaIndexes from '../transforms/prisma-schema-indexes.ts';
import * as prismaSingleton from '../transforms/prisma-singleton.ts';
import * as removeBuildErrorIgnores from '../transforms/remove-build-error-ignores.ts';
import * as renamePublicSecretEnv from '../transforms/rename-public-secret-env.ts';
import * as typedEnvModule from '../transforms/typed-env-module.ts';
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
  lookupColumnNotUnique,
  missingLockfile,
  missingPrimaryKey,
  nextConfigIgnoresBuildErrors,
  nextNavigationInPages,
  nextRouterInAppDir,
  nPlusOneQuery,
  nullableOwnerColumn,
  ownerColumnWithoutForeignKey,
  parseError,
  pgClientShared,
  policyColumnUnindexed,
  policyUsesUserMetadata,
  policyWithoutRole,
  prismaClientDuplicated,
  prismaClientPerRequest,
  publicEnvSecret,
  rawSqlInterpolation,
  rlsDisabled,
  rlsEnabledNoPolicy,
  rlsMultiplePermissive,
  rlsPolicyAlwaysTrue,
  rlsPolicyInitplan,
  routeConflict,
  secretInClientCode,
  securityDefinerWithoutSearchPath,
  serverEnvInClient,
  serverModuleWithoutServerOnly,
  serverlessDbUrlWithoutPooler,
  serviceRoleKeyInClient,
  unboundedQuery,
  undeclaredDependency,
  unindexedForeignKey,
];

export const TRANSFORMS: readonly Transform[] = [
  { kind: 'project', meta: addMissingDependencies.meta, plan: addMissingDependencies.plan },
  { kind: 'project', meta: addServerOnly.meta, plan: addServerOnly.plan },
  { kind: 'file', meta: boundListQuery.meta, transform: boundListQuery.default, parser: boundListQuery.parser },
  { kind: 'project', meta: extractHardcodedSecret.meta, plan: extractHardcodedSecret.plan },
  { kind: 'file', meta: fetchTimeout.meta, transform: fetchTimeout.default, parser: fetchTimeout.parser },
  { kind: 'project', meta: generateEnvExample.meta, plan: generateEnvExample.plan },
  { kind: 'project', meta: ignoreEnvFiles.meta, plan: ignoreEnvFiles.plan },
  { kind: 'project', meta: migrateAppRouter.meta, plan: migrateAppRouter.plan },
  { kind: 'project', meta: moveSecretServerSide.meta, plan: moveSecretServerSide.plan },
  { kind: 'file', meta: parameterizeRawSql.meta, transform: parameterizeRawSql.default, parser: parameterizeRawSql.parser },
  { kind: 'project', meta: pgPool.meta, plan: pgPool.plan },
  { kind: 'project', meta: prismaPoolerConfig.meta, plan: prismaPoolerConfig.plan },
  { kind: 'project', meta: prismaSchemaIndexes.meta, plan: prismaSchemaIndexes.plan },
  { kind: 'project', meta: prismaSingleton.meta, plan: prismaSingleton.plan },
  { kind: 'file', meta: removeBuildErrorIgnores.meta, transform: removeBuildErrorIgnores.default, parser: removeBuildErrorIgnores.parser },
  { kind: 'project', meta: renamePublicSecretEnv.meta, plan: renamePublicSecretEnv.plan },
  { kind: 'project', meta: typedEnvModule.meta, plan: typedEnvModule.plan },
];

export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS.map((check) => check.meta.id));

export function findCheck(id: string): Check | undefined {
  return CHECKS.find((check) => check.meta.id === id);
}

/**
 * Fixes that are commands of their own rather than transforms: `fix` cannot plan them, so it
 * names the command to run instead.
 */
export const GENERATORS: Readonly<Record<string, { command: string; title: string }>> = {
  sql: { command: 'shipshape sql', title: 'generated SQL migrations (RLS policies, constraints, indexes)' },
};

/** The command that applies a check's fix: the generator's own command, or `fix` for a transform. */
export function fixCommand(fixId: string, checkId: string): string {
  return GENERATORS[fixId]?.command ?? `shipshape fix --only ${checkId}`;
}

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((transform) => transform.meta.id === id);
}

/** The checks whose findings a transform fixes: those naming it as their fix, or as a fix for some findings. */
export function checksFixedBy(transformId: string): Check[] {
  return CHECKS.filter((check) => check.meta.fix === transformId || (check.meta.otherFixes ?? []).includes(transformId));
}
