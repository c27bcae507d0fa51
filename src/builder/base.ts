import { claimsAt } from '../claims/capability.js'
import { CapabilityError, quote } from '../errors.js'
import { signCapabilityClaims } from '../jwt/sign.js'
import { Secret } from '../lib/secret.js'
import { epochSeconds, type Instant } from '../lib/time.js'
import {
  checkPolicy,
  type HttpMethod,
  mergePolicies,
  type Policy,
  type PolicyFilters,
  policyOf,
} from '../policy/policy.js'
import type { CapabilityRecord } from '../record.js'

/** The longest ttl TaskRouter accepts, one day. */
export const MAX_TTL_SECONDS = 86_400

/** The ttl when none is set, one hour. */
export const DEFAULT_TTL_SECONDS = 3600

/** Options of `sign()`. */
export interface SignOptions {
  /** The auth token, when `capability()` was not given one; it wins over that one. */
  readonly authToken?: string
  /** The issue time (`iat`): a `Date` or epoch milliseconds; the clock when omitted. */
  readonly now?: Instant
}

/** What a chain shares from its start and never changes. @internal */
export interface BuilderContext {
  readonly secret: Secret | undefined
  readonly workspaceUrl: string
  readonly resourceUrl: string
}

/** Checks a ttl, or throws `ERR_INVALID_TTL` naming `call`. @internal */
export function checkTtl(call: string, seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
    throw new CapabilityError(
      'ERR_INVALID_TTL',
      `${call}: seconds must be a whole number from 1 to ${MAX_TTL_SECONDS}, got ${quote(seconds)}`,
    )
  }
  return seconds
}

// Printable, no control characters, and short enough for a header line.
const FRIENDLY_NAME = /^[^\p{Cc}\p{Cs}]{1,256}$/u

/** Checks a friendly name or an identity, or throws `ERR_INVALID_ARGUMENT`. @internal */
export function checkName(call: string, name: unknown): string {
  if (typeof name !== 'string' || !FRIENDLY_NAME.test(name)) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `${call}: name must be 1 to 256 characters without control characters, got ${quote(name)}`,
    )
  }
  return name
}

type BuilderClass<B, R> = new (record: R, context: BuilderContext) => B

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * What every capability builder can do, whatever its target. Every method returns a new
 * builder and leaves this one as it was, so a builder can be kept and branched.
 *
 * @typeParam R - the record `build()` returns
 */
export abstract class CapabilityBuilder<R extends CapabilityRecord> {
  readonly #record: R
  readonly #context: BuilderContext

  /** @internal Builders are made by {@link capability}; this constructor is not public API. */
  constructor(record: R, context: BuilderContext) {
    this.#record = record
    this.#context = context
  }

  /** The workspace URL, `https://taskrouter.twilio.com/v1/Workspaces/WS…`. @internal */
  protected get workspaceUrl(): string {
    return this.#context.workspaceUrl
  }

  /** The target's own URL. @internal */
  protected get resourceUrl(): string {
    return this.#context.resourceUrl
  }

  #with(record: R): this {
    return new (this.constructor as BuilderClass<this, R>)(Object.freeze(record), this.#context)
  }

  /** A new builder with `added` after the current rules; repeats add nothing. @internal */
  protected withPolicies(call: string, added: readonly Policy[]): this {
    const record = this.#record
    const policies = mergePolicies(call, record.policies, added)
    return this.#with(policies === record.policies ? record : { ...record, policies })
  }

  /**
   * Allows fetching everything below the target: GET `{res}/**`.
   *
   * @example
   * ```ts
   * capability(creds).forTaskQueue(taskQueueSid).allowFetchSubresources()
   * ```
   */
  allowFetchSubresources(): this {
    return this.withPolicies('allowFetchSubresources()', [policyOf(`${this.resourceUrl}/**`, 'GET')])
  }

  /**
   * Allows updating the target itself: POST `{res}`.
   *
   * @example
   * ```ts
   * capability(creds).forWorkspace().allowUpdates()
   * ```
   */
  allowUpdates(): this {
    return this.withPolicies('allowUpdates()', [policyOf(this.resourceUrl, 'POST')])
  }

  /**
   * Allows updating everything below the target: POST `{res}/**`.
   *
   * @example
   * ```ts
   * capability(creds).forWorkspace().allowUpdatesSubresources()
   * ```
   */
  allowUpdatesSubresources(): this {
    return this.withPolicies('allowUpdatesSubresources()', [policyOf(`${this.resourceUrl}/**`, 'POST')])
  }

  /**
   * Allows deleting the target itself: DELETE `{res}`.
   *
   * @example
   * ```ts
   * capability(creds).forTaskQueue(taskQueueSid).allowDelete()
   * ```
   */
  allowDelete(): this {
    return this.withPolicies('allowDelete()', [policyOf(this.resourceUrl, 'DELETE')])
  }

  /**
   * Allows deleting everything below the target: DELETE `{res}/**`.
   *
   * @example
   * ```ts
   * capability(creds).forWorkspace().allowDeleteSubresources()
   * ```
   */
  allowDeleteSubresources(): this {
    return this.withPolicies('allowDeleteSubresources()', [policyOf(`${this.resourceUrl}/**`, 'DELETE')])
  }

  /**
   * Adds one allowing rule. Use the URL helpers ({@link workersUrl} and friends) rather
   * than typing URLs. Refused when an identical rule denies.
   *
   * @example Allow reading one task queue's statistics
   * ```ts
   * builder.allow(`${taskQueuesUrl(workspaceSid, taskQueueSid)}/Statistics`, 'GET')
   * ```
   */
  allow(url: string, method: HttpMethod, filters?: PolicyFilters): this {
    return this.withPolicies('allow()', [checkPolicy('allow()', url, method, true, filters)])
  }

  /**
   * Adds one explicitly denying rule (`allow: false`), which beats allowing rules of a
   * shorter path. Refused when an identical rule allows.
   *
   * @example Let a workspace token do everything but delete workers
   * ```ts
   * capability(creds).forWorkspace()
   *   .allowDeleteSubresources()
   *   .deny(workersUrl(workspaceSid, '*'), 'DELETE')
   * ```
   */
  deny(url: string, method: HttpMethod, filters?: PolicyFilters): this {
    return this.withPolicies('deny()', [checkPolicy('deny()', url, method, false, filters)])
  }

  /**
   * Sets the token's lifetime in whole seconds, 1 to 86400 (default 3600).
   *
   * @example
   * ```ts
   * builder.ttl(600) // ten minutes
   * ```
   */
  ttl(seconds: number): this {
    return this.#with({ ...this.#record, ttl: checkTtl('ttl()', seconds) })
  }

  /**
   * Sets the `friendly_name` claim (default: the channel, that is the target SID).
   *
   * @example
   * ```ts
   * builder.friendlyName('Alice at the front desk')
   * ```
   */
  friendlyName(name: string): this {
    return this.#with({ ...this.#record, friendlyName: checkName('friendlyName()', name) })
  }

  /**
   * Sets a start of validity, the `nbf` claim (whole seconds; milliseconds are dropped).
   *
   * @example A token that works from tomorrow's shift
   * ```ts
   * builder.notBefore(new Date('2026-12-05T08:00:00Z')).ttl(86_400)
   * ```
   */
  notBefore(at: Instant): this {
    return this.#with({ ...this.#record, notBefore: epochSeconds('notBefore(): at', at) })
  }

  /**
   * The deeply frozen record of everything set so far. Needs no secret.
   *
   * @example Assert on the rules without signing
   * ```ts
   * const record = capability({ accountSid, workspaceSid }).forWorker(workerSid).build()
   * record.policies.map((p) => `${p.method} ${p.url}`)
   * ```
   */
  build(): R {
    return this.#record
  }

  /**
   * Signs the token: a compact HS256 JWS with `iat` = now and `exp` = now + ttl.
   *
   * @example
   * ```ts
   * const token = capability({ accountSid, workspaceSid, authToken })
   *   .forWorker(workerSid)
   *   .allowActivityUpdates()
   *   .sign()
   * ```
   */
  sign(options: SignOptions = {}): string {
    const iat = epochSeconds('sign(): now', options.now)
    const secret =
      options.authToken === undefined ? this.#context.secret : Secret.from('sign()', 'authToken', options.authToken)
    if (secret === undefined) {
      throw new CapabilityError(
        'ERR_MISSING_AUTH_TOKEN',
        'sign(): authToken is missing: pass it to capability({ authToken }) or to sign({ authToken })',
      )
    }
    const record = this.#record
    if (record.notBefore !== undefined && record.notBefore >= iat + record.ttl) {
      throw new CapabilityError(
        'ERR_INVALID_TIME',
        'sign(): the start time (notBefore) is at or after the expiry (now + ttl)',
      )
    }
    return signCapabilityClaims(claimsAt(record, iat), secret)
  }

  /** The record, so `JSON.stringify(builder)` shows what it grants and never the secret. */
  toJSON(): R {
    return this.#record
  }

  /** @internal */
  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `${this.constructor.name} ${inspect(this.#record, options)}`
  }
}
