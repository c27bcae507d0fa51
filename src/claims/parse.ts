import { CapabilityError, quote } from '../errors.js'
import { checkFilter } from '../policy/filter.js'
import { checkMethod, mergePolicies, type Policy, policyOf } from '../policy/policy.js'
import { checkPolicyUrl } from '../policy/url.js'
import type { CapabilityRecord } from '../record.js'
import type { AccountSid, WorkspaceSid } from '../sid.js'
import { invalidClaim, isJsonObject, nameClaim, readingClaims, secondsClaim, sidClaim, ttlClaim } from './read.js'

/** A capability read back from a token: the record `build()` gives, plus its times. */
export type DecodedCapability = CapabilityRecord & {
  /** When the token was issued (`iat`). */
  readonly issuedAt: Date
  /** When the token expires (`exp`). */
  readonly expiresAt: Date
}

/** The most rules a token may carry; more is refused as invalid claims. */
export const MAX_POLICIES = 128

const CLAIMS = new Set([
  'iss',
  'iat',
  'exp',
  'nbf',
  'version',
  'friendly_name',
  'account_sid',
  'workspace_sid',
  'channel',
  'worker_sid',
  'taskqueue_sid',
  'policies',
])
const POLICY_KEYS = new Set(['url', 'method', 'query_filter', 'post_filter', 'allow'])
const CHANNEL = /^[A-Za-z0-9._~-]{1,64}$/

function parsePolicy(value: unknown, index: number): Policy {
  const where = `policies[${index}]`
  if (!isJsonObject(value)) invalidClaim(where, 'must be an object', value)
  const raw = value
  for (const key of Object.keys(raw)) if (!POLICY_KEYS.has(key)) invalidClaim(where, 'has an unknown key', key)
  const url = checkPolicyUrl(`claim ${where}.url`, raw['url'], 'ERR_TOKEN_CLAIMS')
  const method = checkMethod(`claim ${where}.method`, raw['method'], 'ERR_TOKEN_CLAIMS')
  if (typeof raw['allow'] !== 'boolean') invalidClaim(`${where}.allow`, 'must be a boolean', raw['allow'])
  const queryFilter = checkFilter(`claim ${where}.query_filter`, raw['query_filter'], 'ERR_TOKEN_CLAIMS')
  const postFilter = checkFilter(`claim ${where}.post_filter`, raw['post_filter'], 'ERR_TOKEN_CLAIMS')
  return policyOf(url, method, raw['allow'], queryFilter, postFilter)
}

/** What the caller expects of the claims, besides their shape. @internal */
export interface ExpectedClaims {
  readonly accountSid?: AccountSid | undefined
  readonly workspaceSid?: WorkspaceSid | undefined
}

/**
 * Reads capability-token claims back into the frozen record `build()` would give, checking
 * every field as strictly as the builder does. The inverse of `toClaims()`; a missing
 * `friendly_name` (twilio-node leaves it out) reads as the channel, and a repeated rule
 * is read once. Throws `ERR_TOKEN_CLAIMS` naming the claim, or `ERR_TOKEN_ISSUER`.
 * @internal
 */
export function fromClaims(
  call: string,
  claims: Record<string, unknown>,
  expected: ExpectedClaims = {},
): DecodedCapability {
  return readingClaims(call, () => readClaims(claims, expected))
}

function readClaims(claims: Record<string, unknown>, expected: ExpectedClaims): DecodedCapability {
  for (const claim of Object.keys(claims))
    if (!CLAIMS.has(claim)) invalidClaim(claim, 'is not a capability claim', claim)
  const accountSid = sidClaim(claims['account_sid'], 'account_sid', 'accountSid')
  const issuer = claims['iss']
  if (issuer !== accountSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `claim iss must equal account_sid ${accountSid}, got ${quote(issuer)}`,
    )
  }
  if (expected.accountSid !== undefined && accountSid !== expected.accountSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `claim account_sid must be ${expected.accountSid}, got ${quote(accountSid)}`,
    )
  }
  const workspaceSid = sidClaim(claims['workspace_sid'], 'workspace_sid', 'workspaceSid')
  if (expected.workspaceSid !== undefined && workspaceSid !== expected.workspaceSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `claim workspace_sid must be ${expected.workspaceSid}, got ${quote(workspaceSid)}`,
    )
  }
  if (claims['version'] !== 'v1') invalidClaim('version', 'must be "v1"', claims['version'])
  const iat = secondsClaim(claims['iat'], 'iat')
  const exp = secondsClaim(claims['exp'], 'exp')
  const ttl = ttlClaim(iat, exp)
  const channel = claims['channel']
  if (typeof channel !== 'string' || !CHANNEL.test(channel)) {
    invalidClaim('channel', 'must be 1 to 64 letters, digits or . _ ~ -', channel)
  }
  const friendlyName =
    claims['friendly_name'] === undefined ? channel : nameClaim(claims['friendly_name'], 'friendly_name')
  const rawPolicies = claims['policies']
  if (!Array.isArray(rawPolicies)) invalidClaim('policies', 'must be an array', rawPolicies)
  if (rawPolicies.length > MAX_POLICIES)
    invalidClaim('policies', `must hold at most ${MAX_POLICIES} rules`, rawPolicies.length)
  const policies = mergePolicies('claim policies', [], rawPolicies.map(parsePolicy), 'ERR_TOKEN_CLAIMS')

  const fields = {
    accountSid,
    workspaceSid,
    channel,
    friendlyName,
    version: 'v1' as const,
    ttl,
    ...(claims['nbf'] === undefined ? {} : { notBefore: secondsClaim(claims['nbf'], 'nbf') }),
    policies: policies.length === 0 ? Object.freeze([]) : policies,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  }
  const hasWorker = claims['worker_sid'] !== undefined
  const hasQueue = claims['taskqueue_sid'] !== undefined
  if (hasWorker && hasQueue)
    invalidClaim('taskqueue_sid', 'must be absent when worker_sid is present', claims['taskqueue_sid'])
  // `fields` keeps the record's key order after target and targetSid, as build() gives it.
  if (hasWorker) {
    return Object.freeze({
      target: 'worker',
      targetSid: sidClaim(claims['worker_sid'], 'worker_sid', 'workerSid'),
      ...fields,
    })
  }
  if (hasQueue) {
    return Object.freeze({
      target: 'taskqueue',
      targetSid: sidClaim(claims['taskqueue_sid'], 'taskqueue_sid', 'taskQueueSid'),
      ...fields,
    })
  }
  return Object.freeze({ target: 'workspace', targetSid: workspaceSid, ...fields })
}
