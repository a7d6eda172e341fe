import aiCallWithoutLimits from './checks/ai-call-without-limits.ts';
import appRouterUnsupportedFeature from './checks/app-router-unsupported-feature.ts';
import authEndpointWithoutRateLimit from './checks/auth-endpoint-without-rate-limit.ts';
import clientSideFiltering from './checks/client-side-filtering.ts';
import clientTrustedPrice from './checks/client-trusted-price.ts';
import dbConnectionPerRequest from './checks/db-connection-per-request.ts';
import emptyCatch from './checks/empty-catch.ts';
import envFileNotIgnored from './checks/env-file-not-ignored.ts';
import envVarUndefined from './checks/env-var-undefined.ts';
import envVarUndocumented from './checks/env-var-undocumented.ts';
import errorDetailsLeaked from './checks/error-details-leaked.ts';
import fetchWithoutTimeout from './checks/fetch-without-timeout.ts';
import hardcodedSecret from './checks/hardcoded-secret.ts';
import insecureSessionCookie from './checks/insecure-session-cookie.ts';
import jwtDecodedNotVerified from './checks/jwt-decoded-not-verified.ts';
import jwtWithoutExpiry from './checks/jwt-without-expiry.ts';
import inMemoryRateLimit from './checks/in-memory-rate-limit.ts';
import inMemorySessionStore from './checks/in-memory-session-store.ts';
import lookupColumnNotUnique from './checks/lookup-column-not-unique.ts';
import massAssignment from './checks/mass-assignment.ts';
import missingLockfile from './checks/missing-lockfile.ts';
import missingOwnershipCheck from './checks/missing-ownership-check.ts';
import missingPrimaryKey from './checks/missing-primary-key.ts';
import nextNavigationInPages from './checks/next-navigation-in-pages.ts';
import nextRouterInAppDir from './checks/next-router-in-app-dir.ts';
import nextConfigIgnoresBuildErrors from './checks/next-config-ignores-build-errors.ts';
import nPlusOneQuery from './checks/n-plus-one-query.ts';
import noErrorReporting from './checks/no-error-reporting.ts';
import nullableOwnerColumn from './checks/nullable-owner-column.ts';
import ownerColumnWithoutForeignKey from './checks/owner-column-without-foreign-key.ts';
import parseError from './checks/parse-error.ts';
import passwordResetTokenReusable from './checks/password-reset-token-reusable.ts';
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
import retryWithoutBackoff from './checks/retry-without-backoff.ts';
import routeConflict from './checks/route-conflict.ts';
import routeWithoutAuth from './checks/route-without-auth.ts';
import secretInClientCode from './checks/secret-in-client-code.ts';
import securityDefinerWithoutSearchPath from './checks/security-definer-without-search-path.ts';
import serverEnvInClient from './checks/server-env-in-client.ts';
import serverModuleWithoutServerOnly from './checks/server-module-without-server-only.ts';
import serverlessDbUrlWithoutPooler from './checks/serverless-db-url-without-pooler.ts';
import serviceRoleKeyInClient from './checks/service-role-key-in-client.ts';
import unboundedQuery from './checks/unbounded-query.ts';
import undeclaredDependency from './checks/undeclared-dependency.ts';
import unsignedSessionCookie from './checks/unsigned-session-cookie.ts';
import uploadValidatedClientOnly from './checks/upload-validated-client-only.ts';
import unindexedForeignKey from './checks/unindexed-foreign-key.ts';
import webhookErrorSwallowed from './checks/webhook-error-swallowed.ts';
import webhookNotIdempotent from './checks/webhook-not-idempotent.ts';
import webhookOutOfOrder from './checks/webhook-out-of-order.ts';
import webhookSignatureMissing from './checks/webhook-signature-missing.ts';
import { meta as addAuthGuard } from '../transforms/meta/add-auth-guard.ts';
import { meta as addErrorReporting } from '../transforms/meta/add-error-reporting.ts';
import { meta as addJwtExpiry } from '../transforms/meta/add-jwt-expiry.ts';
import { meta as addMissingDependencies } from '../transforms/meta/add-missing-dependencies.ts';
import { meta as addRateLimit } from '../transforms/meta/add-rate-limit.ts';
import { meta as persistSessionStore } from '../transforms/meta/persist-session-store.ts';
import { meta as addServerOnly } from '../transforms/meta/add-server-only.ts';
import { meta as capAiUsage } from '../transforms/meta/cap-ai-usage.ts';
import { meta as boundListQuery } from '../transforms/meta/bound-list-query.ts';
import { meta as boundedRetry } from '../transforms/meta/bounded-retry.ts';
import { meta as extractHardcodedSecret } from '../transforms/meta/extract-hardcoded-secret.ts';
import { meta as dedupeWebhookEvents } from '../transforms/meta/dedupe-webhook-events.ts';
import { meta as fetchTimeout } from '../transforms/meta/fetch-timeout.ts';
import { meta as generateEnvExample } from '../transforms/meta/generate-env-example.ts';
import { meta as guardEventOrder } from '../transforms/meta/guard-event-order.ts';
import { meta as hideErrorDetails } from '../transforms/meta/hide-error-details.ts';
import { meta as hardenSessionCookie } from '../transforms/meta/harden-session-cookie.ts';
import { meta as ignoreEnvFiles } from '../transforms/meta/ignore-env-files.ts';
import { meta as migrateAppRouter } from '../transforms/meta/migrate-app-router.ts';
import { meta as moveSecretServerSide } from '../transforms/meta/move-secret-server-side.ts';
import { meta as parameterizeRawSql } from '../transforms/meta/parameterize-raw-sql.ts';
import { meta as pgPool } from '../transforms/meta/pg-pool.ts';
import { meta as prismaPoolerConfig } from '../transforms/meta/prisma-pooler-config.ts';
import { meta as prismaSchemaIndexes } from '../transforms/meta/prisma-schema-indexes.ts';
import { meta as prismaSingleton } from '../transforms/meta/prisma-singleton.ts';
import { meta as removeBuildErrorIgnores } from '../transforms/meta/remove-build-error-ignores.ts';
import { meta as renamePublicSecretEnv } from '../transforms/meta/rename-public-secret-env.ts';
import { meta as rethrowWebhookErrors } from '../transforms/meta/rethrow-webhook-errors.ts';
import { meta as supabaseGetUser } from '../transforms/meta/supabase-get-user.ts';
import { meta as scopeToOwner } from '../transforms/meta/scope-to-owner.ts';
import { meta as typedEnvModule } from '../transforms/meta/typed-env-module.ts';
import { meta as verifyWebhookSignature } from '../transforms/meta/verify-webhook-signature.ts';
import { meta as validateRequestBody } from '../transforms/meta/validate-request-body.ts';
import { meta as validateUpload } from '../transforms/meta/validate-upload.ts';
import type { FileTransform, ProjectTransform, Transform, TransformMeta } from './engine/transform-types.ts';
import type { Check } from './types.ts';

export const CHECKS: readonly Check[] = [
  aiCallWithoutLimits,
  appRouterUnsupportedFeature,
  authEndpointWithoutRateLimit,
  clientSideFiltering,
  clientTrustedPrice,
  dbConnectionPerRequest,
  emptyCatch,
  envFileNotIgnored,
  envVarUndefined,
  envVarUndocumented,
  errorDetailsLeaked,
  fetchWithoutTimeout,
  hardcodedSecret,
  insecureSessionCookie,
  jwtDecodedNotVerified,
  jwtWithoutExpiry,
  inMemoryRateLimit,
  inMemorySessionStore,
  lookupColumnNotUnique,
  massAssignment,
  missingLockfile,
  missingOwnershipCheck,
  missingPrimaryKey,
  nextConfigIgnoresBuildErrors,
  nextNavigationInPages,
  nextRouterInAppDir,
  nPlusOneQuery,
  noErrorReporting,
  nullableOwnerColumn,
  ownerColumnWithoutForeignKey,
  parseError,
  passwordResetTokenReusable,
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
  retryWithoutBackoff,
  routeConflict,
  routeWithoutAuth,
  secretInClientCode,
  securityDefinerWithoutSearchPath,
  serverEnvInClient,
  serverModuleWithoutServerOnly,
  serverlessDbUrlWithoutPooler,
  serviceRoleKeyInClient,
  unboundedQuery,
  undeclaredDependency,
  unsignedSessionCookie,
  uploadValidatedClientOnly,
  unindexedForeignKey,
  webhookErrorSwallowed,
  webhookNotIdempotent,
  webhookOutOfOrder,
  webhookSignatureMissing,
];

/** A transform before its code loads: what it is, and how to load it. */
export interface TransformEntry {
  kind: Transform['kind'];
  meta: TransformMeta;
  load(): Promise<Transform>;
}

interface FileTransformModule {
  meta: TransformMeta;
  default: FileTransform['transform'];
  parser: string;
}

interface ProjectTransformModule {
  meta: TransformMeta;
  plan: ProjectTransform['plan'];
}

/** Loads once, so every command that asks for a transform gets the same object. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

function fileTransform(meta: TransformMeta, load: () => Promise<FileTransformModule>): TransformEntry {
  return {
    kind: 'file',
    meta,
    load: once(async () => {
      const module = await load();
      return { kind: 'file', meta: module.meta, transform: module.default, parser: module.parser };
    }),
  };
}

function projectTransform(meta: TransformMeta, load: () => Promise<ProjectTransformModule>): TransformEntry {
  return {
    kind: 'project',
    meta,
    load: once(async () => {
      const module = await load();
      return { kind: 'project', meta: module.meta, plan: module.plan };
    }),
  };
}

/**
 * Every transform: its metadata as data, its code (jscodeshift, recast, templates) loaded only by
 * the command that runs it.
 */
export const TRANSFORM_ENTRIES: readonly TransformEntry[] = [
  fileTransform(addAuthGuard, () => import('../transforms/add-auth-guard.ts')),
  projectTransform(addErrorReporting, () => import('../transforms/add-error-reporting.ts')),
  fileTransform(addJwtExpiry, () => import('../transforms/add-jwt-expiry.ts')),
  projectTransform(addMissingDependencies, () => import('../transforms/add-missing-dependencies.ts')),
  projectTransform(addRateLimit, () => import('../transforms/add-rate-limit/index.ts')),
  projectTransform(addServerOnly, () => import('../transforms/add-server-only.ts')),
  fileTransform(capAiUsage, () => import('../transforms/cap-ai-usage.ts')),
  fileTransform(boundListQuery, () => import('../transforms/bound-list-query.ts')),
  projectTransform(boundedRetry, () => import('../transforms/bounded-retry/index.ts')),
  projectTransform(dedupeWebhookEvents, () => import('../transforms/dedupe-webhook-events.ts')),
  projectTransform(extractHardcodedSecret, () => import('../transforms/extract-hardcoded-secret.ts')),
  fileTransform(fetchTimeout, () => import('../transforms/fetch-timeout.ts')),
  projectTransform(generateEnvExample, () => import('../transforms/generate-env-example.ts')),
  projectTransform(guardEventOrder, () => import('../transforms/guard-event-order/index.ts')),
  fileTransform(hideErrorDetails, () => import('../transforms/hide-error-details.ts')),
  fileTransform(hardenSessionCookie, () => import('../transforms/harden-session-cookie.ts')),
  projectTransform(ignoreEnvFiles, () => import('../transforms/ignore-env-files.ts')),
  projectTransform(migrateAppRouter, () => import('../transforms/migrate-app-router.ts')),
  projectTransform(moveSecretServerSide, () => import('../transforms/move-secret-server-side/index.ts')),
  fileTransform(parameterizeRawSql, () => import('../transforms/parameterize-raw-sql.ts')),
  projectTransform(persistSessionStore, () => import('../transforms/persist-session-store/index.ts')),
  projectTransform(pgPool, () => import('../transforms/pg-pool.ts')),
  projectTransform(prismaPoolerConfig, () => import('../transforms/prisma-pooler-config.ts')),
  projectTransform(prismaSchemaIndexes, () => import('../transforms/prisma-schema-indexes.ts')),
  projectTransform(prismaSingleton, () => import('../transforms/prisma-singleton.ts')),
  fileTransform(removeBuildErrorIgnores, () => import('../transforms/remove-build-error-ignores.ts')),
  projectTransform(renamePublicSecretEnv, () => import('../transforms/rename-public-secret-env.ts')),
  projectTransform(rethrowWebhookErrors, () => import('../transforms/rethrow-webhook-errors.ts')),
  fileTransform(supabaseGetUser, () => import('../transforms/supabase-get-user.ts')),
  projectTransform(scopeToOwner, () => import('../transforms/scope-to-owner/index.ts')),
  projectTransform(typedEnvModule, () => import('../transforms/typed-env-module.ts')),
  projectTransform(verifyWebhookSignature, () => import('../transforms/verify-webhook-signature/index.ts')),
  projectTransform(validateRequestBody, () => import('../transforms/validate-request-body/index.ts')),
  projectTransform(validateUpload, () => import('../transforms/validate-upload.ts')),
];

export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS.map((check) => check.meta.id));

export function findCheck(id: string): Check | undefined {
  return CHECKS.find((check) => check.meta.id === id);
}

export function transformEntry(id: string): TransformEntry | undefined {
  return TRANSFORM_ENTRIES.find((entry) => entry.meta.id === id);
}

export async function loadTransform(id: string): Promise<Transform | undefined> {
  return transformEntry(id)?.load();
}

/** Whether the transform is safe to apply without review; false for a generator or an unknown id. */
export function fixIsSafe(fixId: string): boolean {
  return transformEntry(fixId)?.meta.safe ?? false;
}

/** The checks whose findings a transform fixes: those naming it as their fix, or as a fix for some findings. */
export function checksFixedBy(transformId: string): Check[] {
  return CHECKS.filter((check) => check.meta.fix === transformId || (check.meta.otherFixes ?? []).includes(transformId));
}
