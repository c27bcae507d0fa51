import { checkFriendlyName, checkTtl } from '../builder/base.js'
import { CapabilityError, quote } from '../errors.js'
import { checkFilter } from '../policy/filter.js'
import { checkMethod, mergePolicies, type Policy, policyOf } from '../policy/policy.js'
import { checkPolicyUrl } from '../policy/url.js'
import type { CapabilityRecord } from '../record.js'
import { type AccountSid, isSid, SID_PREFIX, type SidField, type WorkspaceSid } from '../sid.js'

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

function invalid(claim: string, rule: string, value: unknown): never {
  throw new CapabilityError('ERR_TOKEN_CLAIMS', `claim ${claim} ${rule}, got ${quote(value)}`)
}

function sidClaim<F extends SidField>(claims: Record<string, unknown>, claim: string, field: F) {
  const value = claims[claim]
  const prefix = SID_PREFIX[field]
  if (!isSid(value, prefix)) invalid(claim, `must be "${prefix}" followed by 32 lowercase hex digits`, value)
  return value as `${(typeof SID_PREFIX)[F]}${string}`
}

function secondsClaim(claims: Record<string, unknown>, claim: string): number {
  const value = claims[claim]
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(claim, 'must be whole seconds since the epoch', value)
  }
  return value
}

function parsePolicy(value: unknown, index: number): Policy {
  const where = `policies[${index}]`
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(where, 'must be an object', value)
  }
  const raw = value as Record<string, unknown>
  for (const key of Object.keys(raw)) if (!POLICY_KEYS.has(key)) invalid(where, 'has an unknown key', key)
  const url = checkPolicyUrl(`claim ${where}.url`, raw['url'], 'ERR_TOKEN_CLAIMS')
  const method = checkMethod(`claim ${where}.method`, raw['method'], 'ERR_TOKEN_CLAIMS')
  if (typeof raw['allow'] !== 'boolean') invalid(`${where}.allow`, 'must be a boolean', raw['allow'])
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
  try {
    return readClaims(claims, expected)
  } catch (error) {
    // Every message below is written without the call, so it is named once, here.
    if (error instanceof CapabilityError) throw new CapabilityError(error.code, `${call}: ${error.message}`)
    throw error
  }
}

function readClaims(claims: Record<string, unknown>, expected: ExpectedClaims): DecodedCapability {
  for (const claim of Object.keys(claims)) if (!CLAIMS.has(claim)) invalid(claim, 'is not a capability claim', claim)
  const accountSid = sidClaim(claims, 'account_sid', 'accountSid')
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
  const workspaceSid = sidClaim(claims, 'workspace_sid', 'workspaceSid')
  if (expected.workspaceSid !== undefined && workspaceSid !== expected.workspaceSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `claim workspace_sid must be ${expected.workspaceSid}, got ${quote(workspaceSid)}`,
    )
  }
  if (claims['version'] !== 'v1') invalid('version', 'must be "v1"', claims['version'])
  const iat = secondsClaim(claims, 'iat')
  const exp = secondsClaim(claims, 'exp')
  let ttl: number
  try {
    ttl = checkTtl('', exp - iat)
  } catch {
    invalid('exp', `must be 1 to 86400 seconds after iat ${iat}`, exp)
  }
  const channel = claims['channel']
  if (typeof channel !== 'string' || !CHANNEL.test(channel)) {
    invalid('channel', 'must be 1 to 64 letters, digits or . _ ~ -', channel)
  }
  let friendlyName = channel
  if (claims['friendly_name'] !== undefined) {
    try {
      friendlyName = checkFriendlyName('', claims['friendly_name'])
    } catch {
      invalid('friendly_name', 'must be 1 to 256 characters without control characters', claims['friendly_name'])
    }
  }
  const rawPolicies = claims['policies']
  if (!Array.isArray(rawPolicies)) invalid('policies', 'must be an array', rawPolicies)
  if (rawPolicies.length > MAX_POLICIES)
    invalid('policies', `must hold at most ${MAX_POLICIES} rules`, rawPolicies.length)
  const policies = mergePolicies('claim policies', [], rawPolicies.map(parsePolicy), 'ERR_TOKEN_CLAIMS')

  const fields = {
    accountSid,
    workspaceSid,
    channel,
    friendlyName,
    version: 'v1' as const,
    ttl,
    ...(claims['nbf'] === undefined ? {} : { notBefore: secondsClaim(claims, 'nbf') }),
    policies: policies.length === 0 ? Object.freeze([]) : policies,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  }
  const hasWorker = claims['worker_sid'] !== undefined
  const hasQueue = claims['taskqueue_sid'] !== undefined
  if (hasWorker && hasQueue)
    invalid('taskqueue_sid', 'must be absent when worker_sid is present', claims['taskqueue_sid'])
  // `fields` keeps the record's key order after target and targetSid, as build() gives it.
  if (hasWorker) {
    return Object.freeze({ target: 'worker', targetSid: sidClaim(claims, 'worker_sid', 'workerSid'), ...fields })
  }
  if (hasQueue) {
    return Object.freeze({
      target: 'taskqueue',
      targetSid: sidClaim(claims, 'taskqueue_sid', 'taskQueueSid'),
      ...fields,
    })
  }
  return Object.freeze({ target: 'workspace', targetSid: workspaceSid, ...fields })
}
