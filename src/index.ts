export type { AccessTokenRecord, TaskRouterGrant } from './access-record.js'
export {
  AccessTokenBuilder,
  type AccessTokenOptions,
  type AccessTokenSignOptions,
  accessToken,
  type TaskRouterGrantOptions,
  type TypeError,
} from './builder/access-token.js'
export { CapabilityBuilder, DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, type SignOptions } from './builder/base.js'
export { CapabilityFactory, type CapabilityOptions, capability } from './builder/capability.js'
export { TaskQueueCapabilityBuilder, WorkerCapabilityBuilder, WorkspaceCapabilityBuilder } from './builder/targets.js'
export type { AccessTokenClaims, DecodedAccessToken, TaskRouterGrantClaim } from './claims/access.js'
export {
  type CapabilityClaims,
  type PolicyClaim,
  type ToClaimsOptions,
  toClaims,
  toPolicyClaim,
} from './claims/capability.js'
export { type DecodedCapability, MAX_POLICIES } from './claims/parse.js'
export { type Decision, type DecisionRequest, decide, type RequestParameters } from './decide/decide.js'
export { CapabilityError, type CapabilityErrorCode } from './errors.js'
export { decodeAccessToken, verifyAccessToken } from './jwt/access.js'
export { decode } from './jwt/decode.js'
export { MAX_TOKEN_LENGTH } from './jwt/read.js'
export { type VerifyOptions, verify } from './jwt/verify.js'
export type { Instant } from './lib/time.js'
export type { Filter, FilterMatcher, FilterValue } from './policy/filter.js'
export type { HttpMethod, Policy, PolicyFilters } from './policy/policy.js'
export type { Wildcard } from './policy/url.js'
export {
  activitiesUrl,
  EVENT_BRIDGE_BASE_URL,
  eventBridgeUrl,
  TASKROUTER_BASE_URL,
  taskQueuesUrl,
  taskReservationsUrl,
  tasksUrl,
  workerReservationsUrl,
  workersUrl,
  workspaceUrl,
} from './policy/urls.js'
export type {
  CapabilityRecord,
  CapabilityRecordFields,
  TargetKind,
  TaskQueueCapability,
  WorkerCapability,
  WorkspaceCapability,
} from './record.js'
export type {
  AccountSid,
  ActivitySid,
  ApiKeySid,
  ReservationSid,
  TaskQueueSid,
  TaskSid,
  WorkerSid,
  WorkspaceSid,
} from './sid.js'
