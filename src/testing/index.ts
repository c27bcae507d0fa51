/**
 * Framework-free assertions on what a token allows, for any test runner. Import from
 * `taskrouter-capability/testing`.
 *
 * @module
 */
import { AssertionError } from 'node:assert'
import type { DecodedCapability } from '../claims/parse.js'
import { type Decision, type DecisionRequest, decide } from '../decide/decide.js'
import { decode } from '../jwt/decode.js'
import type { CapabilityRecord } from '../record.js'

/** A token (decoded without a secret) or a built or decoded record. */
export type TokenOrRecord = string | CapabilityRecord | DecodedCapability

function judge(subject: TokenOrRecord, request: DecisionRequest): Decision {
  return decide(typeof subject === 'string' ? decode(subject) : subject, request)
}

function fail(
  decision: Decision,
  expected: 'allow' | 'deny',
  request: DecisionRequest,
  stackStart: (...args: never[]) => unknown,
): never {
  throw new AssertionError({
    message: `Expected the token to ${expected} ${request.method} ${request.url}, but ${decision.reason}`,
    actual: decision.allowed,
    expected: expected === 'allow',
    operator: expected === 'allow' ? 'assertAllows' : 'assertDenies',
    stackStartFn: stackStart,
  })
}

/**
 * Throws `node:assert`'s `AssertionError`, explaining which rule decided or that none
 * matched, unless the token or record allows the request.
 *
 * @example
 * ```ts
 * import { assertAllows } from 'taskrouter-capability/testing'
 *
 * assertAllows(token, { method: 'POST', url: workerUrl, form: { ActivitySid: 'WA…' } })
 * ```
 */
export function assertAllows(subject: TokenOrRecord, request: DecisionRequest): Decision {
  const decision = judge(subject, request)
  if (!decision.allowed) fail(decision, 'allow', request, assertAllows)
  return decision
}

/**
 * Throws `node:assert`'s `AssertionError`, naming the rule that allowed it, unless the
 * token or record denies the request.
 *
 * @example
 * ```ts
 * import { assertDenies } from 'taskrouter-capability/testing'
 *
 * assertDenies(token, { method: 'POST', url: workerUrl, form: { Attributes: '{}' } })
 * ```
 */
export function assertDenies(subject: TokenOrRecord, request: DecisionRequest): Decision {
  const decision = judge(subject, request)
  if (decision.allowed) fail(decision, 'deny', request, assertDenies)
  return decision
}

/** What a matcher gives back to Vitest's or Jest's `expect`. */
export interface MatcherResult {
  /** Whether the expectation held. */
  readonly pass: boolean
  /** The explanation shown when it did not. */
  readonly message: () => string
}

function matcher(expected: 'allow' | 'deny') {
  return (received: TokenOrRecord, request: DecisionRequest): MatcherResult => {
    const decision = judge(received, request)
    const pass = decision.allowed === (expected === 'allow')
    return {
      pass,
      message: () =>
        pass
          ? `Expected the token not to ${expected} ${request.method} ${request.url}, but ${decision.reason}`
          : `Expected the token to ${expected} ${request.method} ${request.url}, but ${decision.reason}`,
    }
  }
}

/**
 * `toAllow` and `toDeny` for Vitest's or Jest's `expect.extend`.
 *
 * @example Vitest
 * ```ts
 * import { expect } from 'vitest'
 * import { matchers } from 'taskrouter-capability/testing'
 *
 * expect.extend(matchers)
 * declare module 'vitest' {
 *   interface Matchers<T> {
 *     toAllow(request: import('taskrouter-capability').DecisionRequest): T
 *     toDeny(request: import('taskrouter-capability').DecisionRequest): T
 *   }
 * }
 *
 * expect(token).toAllow({ method: 'GET', url: activitiesUrl(workspaceSid) })
 * ```
 */
export const matchers: {
  /** Passes when the token or record allows the request. */
  readonly toAllow: (received: TokenOrRecord, request: DecisionRequest) => MatcherResult
  /** Passes when the token or record denies the request. */
  readonly toDeny: (received: TokenOrRecord, request: DecisionRequest) => MatcherResult
} = Object.freeze({ toAllow: matcher('allow'), toDeny: matcher('deny') })

export type { Decision, DecisionRequest }
