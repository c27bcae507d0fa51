import { epochSeconds, type Instant } from '../lib/time.js'
import type { Filter } from '../policy/filter.js'
import type { HttpMethod, Policy } from '../policy/policy.js'
import type { CapabilityRecord } from '../record.js'
import type { AccountSid, TaskQueueSid, WorkerSid, WorkspaceSid } from '../sid.js'

/** One policy as it stands in a token's `policies` claim. */
export interface PolicyClaim {
  /** The URL or URL pattern. */
  readonly url: string
  /** The HTTP method. */
  readonly method: HttpMethod
  /** Conditions on the query string; `{}` for none. */
  readonly query_filter: Filter
  /** Conditions on the form body; `{}` for none. */
  readonly post_filter: Filter
  /** Allow (`true`) or explicit deny (`false`). */
  readonly allow: boolean
}

/**
 * The claims of a TaskRouter capability token, key for key as TaskRouter.js and Twilio's
 * helper libraries expect them.
 */
export interface CapabilityClaims {
  /** The issuer: the account SID. */
  readonly iss: AccountSid
  /** Issued at, seconds since the epoch. */
  readonly iat: number
  /** Expires at, seconds since the epoch: `iat + ttl`. */
  readonly exp: number
  /** Not valid before, seconds since the epoch; only when a start time was set. */
  readonly nbf?: number
  /** The TaskRouter version, `v1`. */
  readonly version: 'v1'
  /** The token's friendly name. */
  readonly friendly_name: string
  /** The account SID. */
  readonly account_sid: AccountSid
  /** The workspace SID. */
  readonly workspace_sid: WorkspaceSid
  /** The event-bridge channel. */
  readonly channel: string
  /** The worker SID, for a worker token only. */
  readonly worker_sid?: WorkerSid
  /** The task queue SID, for a task queue token only. */
  readonly taskqueue_sid?: TaskQueueSid
  /** The rules. */
  readonly policies: readonly PolicyClaim[]
}

/** Options of {@link toClaims}. */
export interface ToClaimsOptions {
  /** The issue time (`iat`): a `Date` or epoch milliseconds. */
  readonly now: Instant
}

/** Serializes one policy to its claim form (a new, plain object). */
export function toPolicyClaim(policy: Policy): PolicyClaim {
  return {
    url: policy.url,
    method: policy.method,
    query_filter: policy.queryFilter,
    post_filter: policy.postFilter,
    allow: policy.allow,
  }
}

/**
 * Turns a built capability into the exact claims object of its token. Pure: the same
 * record and time always give an equal, new object, and the record is not touched.
 *
 * @example Claims of a worker token
 * ```ts
 * import { capability, toClaims } from 'taskrouter-capability'
 *
 * const record = capability({ accountSid, workspaceSid }).forWorker(workerSid).ttl(600).build()
 * toClaims(record, { now: new Date('2023-11-14T22:13:20Z') })
 * // { iss: 'AC…', iat: 1700000000, exp: 1700000600, version: 'v1', friendly_name: 'WK…', … }
 * ```
 */
export function toClaims(record: CapabilityRecord, options: ToClaimsOptions): CapabilityClaims {
  const iat = epochSeconds('toClaims(): now', options.now)
  return claimsAt(record, iat)
}

/**
 * {@link toClaims} for a time already in seconds. Keys are added in the wire order; the
 * optional ones only when they apply. @internal
 */
export function claimsAt(record: CapabilityRecord, iat: number): CapabilityClaims {
  const claims: Record<string, unknown> = { iss: record.accountSid, iat, exp: iat + record.ttl }
  if (record.notBefore !== undefined) claims['nbf'] = record.notBefore
  claims['version'] = record.version
  claims['friendly_name'] = record.friendlyName
  claims['account_sid'] = record.accountSid
  claims['workspace_sid'] = record.workspaceSid
  claims['channel'] = record.channel
  if (record.target === 'worker') claims['worker_sid'] = record.targetSid
  else if (record.target === 'taskqueue') claims['taskqueue_sid'] = record.targetSid
  claims['policies'] = record.policies.map(toPolicyClaim)
  return claims as unknown as CapabilityClaims
}
