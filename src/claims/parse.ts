import type { Simplify } from 'type-fest'
import { CapabilityError, quote } from '../errors.js'
import { checkFilter, EMPTY_FILTER, isEmptyFilter } from '../policy/filter.js'
import { checkMethod, mergePolicies, type Policy, policyOf } from '../policy/policy.js'
import { checkPolicyUrl, isValidPolicyUrl } from '../policy/url.js'
import { isChannel } from '../policy/urls.js'
import type { CapabilityRecord } from '../record.js'
import type { AccountSid, WorkspaceSid } from '../sid.js'
import { invalidClaim, isJsonObject, nameClaim, readingClaims, secondsClaim, sidClaim, ttlClaim } from './read.js'

/** A capability read back from a token: the record `build()` gives, plus its times. */
export type DecodedCapability = Simplify<
  CapabilityRecord & {
    /** When the token was issued (`iat`). */
    readonly issuedAt: Date
    /** When the token expires (`exp`). */
    readonly expiresAt: Date
  }
>

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
const NO_POLICIES: readonly Policy[] = Object.freeze([])

function hasOnlyPolicyKeys(raw: Record<string, unknown>): boolean {
  for (const key in raw) if (!POLICY_KEYS.has(key)) return false
  return true
}

function readFilter(value: unknown, index: number, claim: 'query_filter' | 'post_filter') {
  if (value === undefined || isEmptyFilter(value)) return EMPTY_FILTER
  return checkFilter(`claim policies[${index}].${claim}`, value, 'ERR_TOKEN_CLAIMS')
}

/**
 * One rule of the `policies` claim. Every token read back runs this for every rule, so
 * the valid case is checked first with no message text built; only a broken rule goes
 * through {@link explainBadPolicy}, which words the error.
 */
function parsePolicy(value: unknown, index: number, all: readonly unknown[]): Policy {
  if (isJsonObject(value)) {
    const { url, method, allow } = value
    if (
      typeof url === 'string' &&
      // Rules come in pairs on one URL (GET and POST of a channel, of a worker): a URL
      // equal to the previous rule's was checked a moment ago.
      (url === (all[index - 1] as { url?: unknown } | undefined)?.url || isValidPolicyUrl(url)) &&
      (method === 'GET' || method === 'POST' || method === 'DELETE') &&
      typeof allow === 'boolean' &&
      hasOnlyPolicyKeys(value)
    ) {
      const queryFilter = readFilter(value['query_filter'], index, 'query_filter')
      return policyOf(url, method, allow, queryFilter, readFilter(value['post_filter'], index, 'post_filter'))
    }
  }
  return explainBadPolicy(value, index)
}

function explainBadPolicy(value: unknown, index: number): never {
  const where = `policies[${index}]`
  if (!isJsonObject(value)) invalidClaim(where, 'must be an object', value)
  for (const key of Object.keys(value)) if (!POLICY_KEYS.has(key)) invalidClaim(where, 'has an unknown key', key)
  checkPolicyUrl(`claim ${where}.url`, value['url'], 'ERR_TOKEN_CLAIMS')
  checkMethod(`claim ${where}.method`, value['method'], 'ERR_TOKEN_CLAIMS')
  return invalidClaim(`${where}.allow`, 'must be a boolean', value['allow'])
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
export function fromClaims(call: string, claims: Record<string, unknown>): DecodedCapability {
  return readingClaims(call, () => readClaims(claims))
}

/** Checks a record read back against the account and workspace the caller expects. @internal */
export function checkExpected(call: string, record: DecodedCapability, expected: ExpectedClaims): void {
  if (expected.accountSid !== undefined && record.accountSid !== expected.accountSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `${call}: claim account_sid must be ${expected.accountSid}, got ${quote(record.accountSid)}`,
    )
  }
  if (expected.workspaceSid !== undefined && record.workspaceSid !== expected.workspaceSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `${call}: claim workspace_sid must be ${expected.workspaceSid}, got ${quote(record.workspaceSid)}`,
    )
  }
}

function readClaims(claims: Record<string, unknown>): DecodedCapability {
  for (const claim in claims) if (!CLAIMS.has(claim)) invalidClaim(claim, 'is not a capability claim', claim)
  const accountSid = sidClaim(claims['account_sid'], 'account_sid', 'accountSid')
  const issuer = claims['iss']
  if (issuer !== accountSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `claim iss must equal account_sid ${accountSid}, got ${quote(issuer)}`,
    )
  }
  const workspaceSid = sidClaim(claims['workspace_sid'], 'workspace_sid', 'workspaceSid')
  if (claims['version'] !== 'v1') invalidClaim('version', 'must be "v1"', claims['version'])
  const iat = secondsClaim(claims['iat'], 'iat')
  const exp = secondsClaim(claims['exp'], 'exp')
  const ttl = ttlClaim(iat, exp)
  const channel = claims['channel']
  if (!isChannel(channel)) {
    invalidClaim('channel', 'must be 1 to 64 letters, digits or . _ ~ -', channel)
  }
  const friendlyName =
    claims['friendly_name'] === undefined ? channel : nameClaim(claims['friendly_name'], 'friendly_name')
  const rawPolicies = claims['policies']
  if (!Array.isArray(rawPolicies)) invalidClaim('policies', 'must be an array', rawPolicies)
  if (rawPolicies.length > MAX_POLICIES)
    invalidClaim('policies', `must hold at most ${MAX_POLICIES} rules`, rawPolicies.length)
  const policies = mergePolicies('claim policies', NO_POLICIES, rawPolicies.map(parsePolicy), 'ERR_TOKEN_CLAIMS')

  const hasWorker = claims['worker_sid'] !== undefined
  const hasQueue = claims['taskqueue_sid'] !== undefined
  if (hasWorker && hasQueue) {
    invalidClaim('taskqueue_sid', 'must be absent when worker_sid is present', claims['taskqueue_sid'])
  }
  const target = hasWorker ? 'worker' : hasQueue ? 'taskqueue' : 'workspace'
  const targetSid = hasWorker
    ? sidClaim(claims['worker_sid'], 'worker_sid', 'workerSid')
    : hasQueue
      ? sidClaim(claims['taskqueue_sid'], 'taskqueue_sid', 'taskQueueSid')
      : workspaceSid
  const notBefore = claims['nbf'] === undefined ? undefined : secondsClaim(claims['nbf'], 'nbf')
  const fields = { target, targetSid, accountSid, workspaceSid, channel, friendlyName, ttl, notBefore, policies }
  return withTimes(fields as RecordFields, iat, exp)
}

type RecordFields = Omit<CapabilityRecord, 'version' | 'notBefore'> & { readonly notBefore: number | undefined }

/** A frozen decoded record from its fields and times, keys in the order build() gives them. */
function withTimes(r: RecordFields, iat: number, exp: number): DecodedCapability {
  const issuedAt = new Date(iat * 1000)
  const expiresAt = new Date(exp * 1000)
  const { target, targetSid, accountSid, workspaceSid, channel, friendlyName, ttl, notBefore, policies } = r
  return Object.freeze(
    notBefore === undefined
      ? {
          target,
          targetSid,
          accountSid,
          workspaceSid,
          channel,
          friendlyName,
          version: 'v1',
          ttl,
          policies,
          issuedAt,
          expiresAt,
        }
      : {
          target,
          targetSid,
          accountSid,
          workspaceSid,
          channel,
          friendlyName,
          version: 'v1',
          ttl,
          notBefore,
          policies,
          issuedAt,
          expiresAt,
        },
  ) as DecodedCapability
}
