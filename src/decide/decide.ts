import { CapabilityError, quote } from '../errors.js'
import type { Filter } from '../policy/filter.js'
import { describePolicy, type Policy } from '../policy/policy.js'
import type { CapabilityRecord } from '../record.js'

/** Request parameters: a name to its value. */
export type RequestParameters = { readonly [name: string]: string }

/** The request {@link decide} judges. */
export interface DecisionRequest {
  /** The HTTP method, such as `POST`. */
  readonly method: string
  /** The absolute request URL; a query string here is read into `query`. */
  readonly url: string
  /** Query-string parameters, checked against query filters. */
  readonly query?: RequestParameters
  /** Form-body parameters, checked against post filters. */
  readonly form?: RequestParameters
}

/** What {@link decide} says about a request. */
export interface Decision {
  /** Whether TaskRouter would let the request through. */
  readonly allowed: boolean
  /** The rule that decided, or `undefined` when none matched (denied by default). */
  readonly rule: Policy | undefined
  /** A sentence saying why. */
  readonly reason: string
}

enum Shape {
  Many = 0, // ends in /**
  One = 1, // ends in /*
  Exact = 2,
}

interface CompiledRule {
  readonly policy: Policy
  readonly shape: Shape
  /** The URL without its wildcard segment, for patterns; the URL itself for literals. */
  readonly base: string
  /** Segments before any wildcard: the first measure of specificity. */
  readonly depth: number
  readonly filtered: boolean
}

const COMPILED = new WeakMap<readonly Policy[], readonly CompiledRule[]>()

function compileRule(policy: Policy): CompiledRule {
  const { url } = policy
  const shape = url.endsWith('/**') ? Shape.Many : url.endsWith('/*') ? Shape.One : Shape.Exact
  const base = shape === Shape.Many ? url.slice(0, -3) : shape === Shape.One ? url.slice(0, -2) : url
  return {
    policy,
    shape,
    base,
    depth: base.split('/').length,
    filtered: Object.keys(policy.queryFilter).length > 0 || Object.keys(policy.postFilter).length > 0,
  }
}

/** Compiles a rule list once per (frozen) array; later decisions reuse it. */
function compile(policies: readonly Policy[]): readonly CompiledRule[] {
  let compiled = COMPILED.get(policies)
  if (compiled === undefined) {
    compiled = policies.map(compileRule)
    if (Object.isFrozen(policies)) COMPILED.set(policies, compiled)
  }
  return compiled
}

function urlMatches(rule: CompiledRule, path: string): boolean {
  if (rule.shape === Shape.Exact) return path === rule.base
  const { base } = rule
  if (path.length <= base.length + 1 || !path.startsWith(base) || path.charCodeAt(base.length) !== 47 /* / */) {
    return false
  }
  const rest = path.slice(base.length + 1)
  if (rule.shape === Shape.One) return !rest.includes('/')
  return rest.charCodeAt(0) !== 47 && !rest.endsWith('/') && !rest.includes('//')
}

/** Why `params` fail `filter`, or `undefined` when they pass. An empty filter admits anything. */
function filterMismatch(filter: Filter, params: RequestParameters, kind: 'query' | 'post'): string | undefined {
  const names = Object.keys(filter)
  if (names.length === 0) return undefined
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(filter, name)) return `parameter ${name} is not named by the ${kind} filter`
  }
  for (const name of names) {
    const requirement = filter[name]
    const present = Object.hasOwn(params, name)
    const value = present ? params[name] : undefined
    if (typeof requirement === 'string') {
      if (value !== requirement)
        return `${kind} filter wants ${name}=${JSON.stringify(requirement)}, got ${present ? JSON.stringify(value) : 'none'}`
    } else if (requirement !== undefined) {
      if (!present) {
        if (requirement.required) return `${kind} filter requires ${name}`
      } else if (requirement.value !== undefined && value !== requirement.value) {
        return `${kind} filter wants ${name}=${JSON.stringify(requirement.value)}, got ${JSON.stringify(value)}`
      }
    }
  }
  return undefined
}

/** Higher wins: longer literal path, then exact over `/*` over `/**`, then filters, then deny. */
function outranks(a: CompiledRule, b: CompiledRule): boolean {
  if (a.depth !== b.depth) return a.depth > b.depth
  if (a.shape !== b.shape) return a.shape > b.shape
  if (a.filtered !== b.filtered) return a.filtered
  return !a.policy.allow && b.policy.allow
}

function checkParameters(where: string, params: unknown): RequestParameters {
  if (params === undefined) return {}
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `decide(): ${where} must be an object of strings, got ${quote(params)}`,
    )
  }
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') {
      throw new CapabilityError(
        'ERR_INVALID_ARGUMENT',
        `decide(): ${where}.${name} must be a string, got ${quote(value)}`,
      )
    }
  }
  return params as RequestParameters
}

/**
 * Says whether a token's rules let a request through, by TaskRouter's documented matching
 * rules: a literal URL matches itself only; `/*` one more segment; `/**` one or more. Of
 * the rules that match the URL, the method and the filters, the most specific path wins,
 * a rule with filters beats one without on the same path, and a deny beats an allow that
 * ties with it. No matching rule: denied.
 *
 * @example Can this worker accept a reservation?
 * ```ts
 * import { decide, workerReservationsUrl } from 'taskrouter-capability'
 *
 * const { allowed, reason } = decide(record, {
 *   method: 'POST',
 *   url: workerReservationsUrl(workspaceSid, workerSid, reservationSid),
 *   form: { ReservationStatus: 'accepted' },
 * })
 * ```
 */
export function decide(recordOrPolicies: CapabilityRecord | readonly Policy[], request: DecisionRequest): Decision {
  const policies = Array.isArray(recordOrPolicies)
    ? (recordOrPolicies as readonly Policy[])
    : (recordOrPolicies as CapabilityRecord).policies
  if (!Array.isArray(policies)) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      'decide(): the first argument must be a record or an array of policies',
    )
  }
  if (typeof request !== 'object' || request === null) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `decide(): request must be { method, url, query?, form? }, got ${quote(request)}`,
    )
  }
  const { method, url } = request
  if (typeof method !== 'string') {
    throw new CapabilityError('ERR_INVALID_ARGUMENT', `decide(): request.method must be a string, got ${quote(method)}`)
  }
  if (typeof url !== 'string') {
    throw new CapabilityError('ERR_INVALID_ARGUMENT', `decide(): request.url must be a string, got ${quote(url)}`)
  }
  const cut = url.search(/[?#]/)
  const path = cut === -1 ? url : url.slice(0, cut)
  let query = checkParameters('request.query', request.query)
  if (cut !== -1 && url[cut] === '?') {
    const fromUrl = Object.fromEntries(new URLSearchParams(url.slice(cut + 1).split('#')[0]))
    query = { ...fromUrl, ...query }
  }
  const form = checkParameters('request.form', request.form)
  const target = `${method} ${path}`

  let best: CompiledRule | undefined
  let nearMiss: string | undefined
  const otherMethods: string[] = []
  for (const rule of compile(policies)) {
    if (!urlMatches(rule, path)) continue
    if (rule.policy.method !== method) {
      otherMethods.push(rule.policy.method)
      continue
    }
    const mismatch =
      filterMismatch(rule.policy.queryFilter, query, 'query') ?? filterMismatch(rule.policy.postFilter, form, 'post')
    if (mismatch !== undefined) {
      nearMiss ??= `${describePolicy(rule.policy)} does not match: ${mismatch}`
      continue
    }
    if (best === undefined || outranks(rule, best)) best = rule
  }

  if (best !== undefined) {
    const { policy } = best
    return Object.freeze({
      allowed: policy.allow,
      rule: policy,
      reason: policy.allow
        ? `${target} is allowed by ${describePolicy(policy)}`
        : `${target} is explicitly denied by ${describePolicy(policy)}`,
    })
  }
  const hints = [
    nearMiss,
    nearMiss === undefined && otherMethods.length > 0
      ? `the rules for this URL are for ${[...new Set(otherMethods)].join(', ')} only`
      : undefined,
  ].filter((hint) => hint !== undefined)
  return Object.freeze({
    allowed: false,
    rule: undefined,
    reason: `${target} is denied: no rule matches${hints.length > 0 ? ` (${hints.join('; ')})` : ''}`,
  })
}
