import { claimsAt } from '../claims/capability.js'
import { CapabilityError, quote } from '../errors.js'
import { signCapabilityClaims } from '../jwt/sign.js'
import { Secret } from '../lib/secret.js'
import { checkStartBeforeExpiry, epochSeconds, type Instant } from '../lib/time.js'
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
  readonly target: CapabilityRecord['target']
  readonly targetSid: string
  readonly accountSid: CapabilityRecord['accountSid']
  readonly workspaceSid: CapabilityRecord['workspaceSid']
  readonly secret: Secret | undefined
  readonly resourceUrl: string
  readonly shared: WorkspacePolicies
}

/** Policies that are the same for every target in a workspace, made once per factory. @internal */
export interface WorkspacePolicies {
  readonly activities: Policy
  readonly tasksGet: Policy
  readonly tasksPost: Policy
}

/** What changes along a chain. @internal */
export interface BuilderFields {
  readonly policies: readonly Policy[]
  readonly ttl: number
  readonly friendlyName: string | undefined
  readonly notBefore: number | undefined
  /** The permissions applied so far, one bit each (see {@link Permission}). */
  readonly applied: number
  /** Whether allow() or deny() added a rule: only then can a permission repeat or conflict with one. */
  readonly custom: boolean
}

/** One bit per permission method, so a repeated call is known without scanning. @internal */
export const Permission = {
  FetchSubresources: 1,
  Updates: 2,
  UpdatesSubresources: 4,
  Delete: 8,
  DeleteSubresources: 16,
  FetchAttributes: 32,
  ActivityUpdates: 64,
  ReservationUpdates: 128,
  FetchReservations: 256,
} as const

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

// 1 to 256 characters (code points), none a control character (Unicode Cc) or a lone
// surrogate (Cs, which no text holds; emoji are surrogate pairs and fine).
const NAME = /^[^\p{Cc}\p{Cs}]{1,256}$/u

/** Checks a friendly name or an identity, or throws `ERR_INVALID_ARGUMENT`. @internal */
export function checkName(call: string, name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `${call}: name must be 1 to 256 characters without control characters, got ${quote(name)}`,
    )
  }
  return name
}

type BuilderClass<B> = new (context: BuilderContext, fields: BuilderFields) => B

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * What every capability builder can do, whatever its target. Every method returns a new
 * builder and leaves this one as it was, so a builder can be kept and branched.
 *
 * @typeParam R - the record `build()` returns
 */
export abstract class CapabilityBuilder<R extends CapabilityRecord> {
  readonly #context: BuilderContext
  readonly #fields: BuilderFields
  // build()'s frozen record, made on first use: a cache, so the builder stays immutable.
  #record: R | undefined

  /** @internal Builders are made by {@link capability}; this constructor is not public API. */
  constructor(context: BuilderContext, fields: BuilderFields) {
    this.#context = context
    this.#fields = fields
  }

  /** The target's own URL. @internal */
  protected get resourceUrl(): string {
    return this.#context.resourceUrl
  }

  /** The workspace's shared policies. @internal */
  protected get shared(): WorkspacePolicies {
    return this.#context.shared
  }

  #with(fields: BuilderFields): this {
    return new (this.constructor as BuilderClass<this>)(this.#context, fields)
  }

  #withPolicies(fields: BuilderFields, policies: readonly Policy[], applied: number, custom: boolean): this {
    if (policies === fields.policies) return this.#with(fields)
    const { ttl, friendlyName, notBefore } = fields
    return this.#with({ policies, ttl, friendlyName, notBefore, applied, custom })
  }

  /** A new builder with allow()'s or deny()'s rule after the current ones; a repeat adds nothing. */
  #withRule(call: string, policy: Policy): this {
    const fields = this.#fields
    return this.#withPolicies(fields, mergePolicies(call, fields.policies, [policy]), fields.applied, true)
  }

  /**
   * A new builder with a permission's rules after the current ones. The permissions' rules
   * differ from each other and from the defaults, so unless allow() or deny() added a rule,
   * there is nothing to compare them with: this is the path every token takes. @internal
   */
  protected withPermission(permission: number, call: string, added: readonly Policy[]): this {
    const fields = this.#fields
    if ((fields.applied & permission) !== 0) return this.#with(fields)
    const policies = fields.custom
      ? mergePolicies(call, fields.policies, added)
      : Object.freeze([...fields.policies, ...added])
    return this.#withPolicies(fields, policies, fields.applied | permission, fields.custom)
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
    return this.withPermission(Permission.FetchSubresources, 'allowFetchSubresources()', [
      policyOf(`${this.resourceUrl}/**`, 'GET'),
    ])
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
    return this.withPermission(Permission.Updates, 'allowUpdates()', [policyOf(this.resourceUrl, 'POST')])
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
    return this.withPermission(Permission.UpdatesSubresources, 'allowUpdatesSubresources()', [
      policyOf(`${this.resourceUrl}/**`, 'POST'),
    ])
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
    return this.withPermission(Permission.Delete, 'allowDelete()', [policyOf(this.resourceUrl, 'DELETE')])
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
    return this.withPermission(Permission.DeleteSubresources, 'allowDeleteSubresources()', [
      policyOf(`${this.resourceUrl}/**`, 'DELETE'),
    ])
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
    return this.#withRule('allow()', checkPolicy('allow()', url, method, true, filters))
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
    return this.#withRule('deny()', checkPolicy('deny()', url, method, false, filters))
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
    return this.#with({ ...this.#fields, ttl: checkTtl('ttl()', seconds) })
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
    return this.#with({ ...this.#fields, friendlyName: checkName('friendlyName()', name) })
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
    return this.#with({ ...this.#fields, notBefore: epochSeconds('notBefore(): at', at) })
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
    if (this.#record === undefined) {
      const { target, targetSid, accountSid, workspaceSid } = this.#context
      const { policies, ttl, friendlyName, notBefore } = this.#fields
      const channel = targetSid
      const name = friendlyName ?? targetSid
      // Two literals rather than a spread: notBefore is present only when set, and a
      // literal is several times cheaper on this path (see docs/performance.md).
      const record =
        notBefore === undefined
          ? { target, targetSid, accountSid, workspaceSid, channel, friendlyName: name, version: 'v1', ttl, policies }
          : {
              target,
              targetSid,
              accountSid,
              workspaceSid,
              channel,
              friendlyName: name,
              version: 'v1',
              ttl,
              notBefore,
              policies,
            }
      this.#record = Object.freeze(record) as R
    }
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
    const record = this.build()
    checkStartBeforeExpiry(record.notBefore, iat, record.ttl)
    return signCapabilityClaims(claimsAt(record, iat), secret)
  }

  /** The record, so `JSON.stringify(builder)` shows what it grants and never the secret. */
  toJSON(): R {
    return this.build()
  }

  /** @internal */
  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `${this.constructor.name} ${inspect(this.build(), options)}`
  }
}
