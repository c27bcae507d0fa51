import { CapabilityError, type CapabilityErrorCode, quote } from '../errors.js'
import { canonicalFilter, checkFilter, EMPTY_FILTER, type Filter } from './filter.js'
import { checkPolicyUrl } from './url.js'

/** The HTTP methods a TaskRouter policy may name. */
export type HttpMethod = 'GET' | 'POST' | 'DELETE'

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'DELETE'])

/**
 * One rule of a capability token: requests with this method to this URL (pattern), whose
 * parameters pass the filters, are allowed (or, with `allow: false`, explicitly denied).
 * Always frozen.
 */
export interface Policy {
  /** The URL, or a pattern ending in `/*` (one more segment) or `/**` (one or more). */
  readonly url: string
  /** The HTTP method it applies to. */
  readonly method: HttpMethod
  /** Conditions on the query string; `{}` for none. */
  readonly queryFilter: Filter
  /** Conditions on the form body; `{}` for none. */
  readonly postFilter: Filter
  /** `true` allows, `false` explicitly denies. */
  readonly allow: boolean
}

/** The optional filters of {@link Policy}, as given to `allow()` and `deny()`. */
export interface PolicyFilters {
  /** Conditions on the query string. */
  readonly queryFilter?: Filter
  /** Conditions on the form body. */
  readonly postFilter?: Filter
}

/**
 * Makes a frozen policy from parts already known to be valid (the library's own
 * defaults and permissions). @internal
 */
export function policyOf(
  url: string,
  method: HttpMethod,
  allow = true,
  queryFilter: Filter = EMPTY_FILTER,
  postFilter: Filter = EMPTY_FILTER,
): Policy {
  return Object.freeze({ url, method, queryFilter, postFilter, allow })
}

/** Checks a method, or throws naming `where`. @internal */
export function checkMethod(
  where: string,
  method: unknown,
  code: 'ERR_INVALID_METHOD' | 'ERR_TOKEN_CLAIMS' = 'ERR_INVALID_METHOD',
): HttpMethod {
  if (typeof method !== 'string' || !METHODS.has(method)) {
    throw new CapabilityError(code, `${where} must be "GET", "POST" or "DELETE", got ${quote(method)}`)
  }
  return method as HttpMethod
}

/**
 * Makes a frozen policy from user input, checking every field; `call` names the call in
 * messages, such as `deny()`. @internal
 */
export function checkPolicy(call: string, url: unknown, method: unknown, allow: boolean, filters?: unknown): Policy {
  const checkedUrl = checkPolicyUrl(`${call}: url`, url)
  const checkedMethod = checkMethod(`${call}: method`, method)
  if (filters === undefined) return policyOf(checkedUrl, checkedMethod, allow)
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    throw new CapabilityError(
      'ERR_INVALID_FILTER',
      `${call}: filters must be { queryFilter?, postFilter? }, got ${quote(filters)}`,
    )
  }
  for (const key of Object.keys(filters)) {
    if (key !== 'queryFilter' && key !== 'postFilter') {
      throw new CapabilityError('ERR_INVALID_FILTER', `${call}: filters has an unknown key ${quote(key)}`)
    }
  }
  const { queryFilter, postFilter } = filters as Record<string, unknown>
  return policyOf(
    checkedUrl,
    checkedMethod,
    allow,
    checkFilter(`${call}: queryFilter`, queryFilter),
    checkFilter(`${call}: postFilter`, postFilter),
  )
}

function sameFilter(a: Filter, b: Filter): boolean {
  return a === b || canonicalFilter(a) === canonicalFilter(b)
}

/** Whether two policies are the same rule (url, method and filters), whether they allow or deny. @internal */
export function sameRule(a: Policy, b: Policy): boolean {
  return (
    a.url === b.url &&
    a.method === b.method &&
    sameFilter(a.queryFilter, b.queryFilter) &&
    sameFilter(a.postFilter, b.postFilter)
  )
}

/** Describes a rule for messages: `ALLOW GET https://…`. @internal */
export function describePolicy(policy: Policy): string {
  const filters = [
    policy.queryFilter === EMPTY_FILTER || Object.keys(policy.queryFilter).length === 0
      ? ''
      : ` query ${canonicalFilter(policy.queryFilter)}`,
    policy.postFilter === EMPTY_FILTER || Object.keys(policy.postFilter).length === 0
      ? ''
      : ` post ${canonicalFilter(policy.postFilter)}`,
  ].join('')
  return `${policy.allow ? 'ALLOW' : 'DENY'} ${policy.method} ${policy.url}${filters}`
}

/**
 * Appends `added` to `policies`, skipping rules already there, and refuses a rule that
 * allows what an identical rule denies (or the reverse). Returns `policies` itself when
 * nothing was added. @internal
 */
export function mergePolicies(
  call: string,
  policies: readonly Policy[],
  added: readonly Policy[],
  code: 'ERR_POLICY_CONFLICT' | 'ERR_TOKEN_CLAIMS' = 'ERR_POLICY_CONFLICT',
): readonly Policy[] {
  if (added.length === 1) {
    // The common case (one rule from allow(), deny() or a permission) without a scratch array.
    const policy = added[0] as Policy
    const twin = findRule(policies, policy)
    if (twin === undefined) return Object.freeze([...policies, policy])
    if (twin.allow !== policy.allow) throw conflict(call, policy, twin, code)
    return policies
  }
  const fresh: Policy[] = []
  for (const policy of added) {
    const twin = findRule(policies, policy) ?? findRule(fresh, policy)
    if (twin === undefined) fresh.push(policy)
    else if (twin.allow !== policy.allow) throw conflict(call, policy, twin, code)
  }
  // A spread, not slice(): V8 copies a frozen array through slice() several times slower.
  if (fresh.length === 0) return policies
  return Object.freeze(policies.length === 0 ? fresh : [...policies, ...fresh])
}

function conflict(call: string, policy: Policy, twin: Policy, code: CapabilityErrorCode): CapabilityError {
  return new CapabilityError(
    code,
    `${call}: ${describePolicy(policy)} conflicts with ${describePolicy(twin)}: the same rule cannot both allow and deny`,
  )
}

function findRule(policies: readonly Policy[], policy: Policy): Policy | undefined {
  for (let i = 0; i < policies.length; i++) {
    const existing = policies[i] as Policy
    if (existing === policy || sameRule(existing, policy)) return existing
  }
  return undefined
}
