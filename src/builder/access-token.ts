import type { LiteralUnion } from 'type-fest'
import type { AccessTokenRecord, TaskRouterGrant } from '../access-record.js'
import { accessClaimsAt, isRole } from '../claims/access.js'
import { CapabilityError, quote } from '../errors.js'
import { signAccessClaims } from '../jwt/sign.js'
import { Secret } from '../lib/secret.js'
import { checkStartBeforeExpiry, epochSeconds, type Instant } from '../lib/time.js'
import { type AccountSid, type ApiKeySid, checkSid, type WorkerSid, type WorkspaceSid } from '../sid.js'
import { checkName, checkTtl, DEFAULT_TTL_SECONDS } from './base.js'

declare const typeError: unique symbol

/**
 * What a call resolves to where it is not allowed yet: the compiler shows `Message`.
 *
 * @typeParam Message - what to do instead
 */
export interface TypeError<Message extends string> {
  /** The message. */
  readonly [typeError]: Message
}

/** What {@link accessToken} needs: the account and an API key with its secret. */
export interface AccessTokenOptions {
  /** The account SID, `AC…`. */
  readonly accountSid: AccountSid
  /** The API key SID, `SK…`. */
  readonly apiKeySid: ApiKeySid
  /** The API key's secret: at least 32 characters. */
  readonly apiKeySecret: string
}

/** The grant given to `taskRouter()`. */
export interface TaskRouterGrantOptions {
  /** The workspace the SDK works in. */
  readonly workspaceSid: WorkspaceSid
  /** The worker it acts as. */
  readonly workerSid?: WorkerSid
  /** The role, such as `worker` or `supervisor`. */
  readonly role?: LiteralUnion<'worker' | 'supervisor', string>
}

/** Options of the access token's `sign()`. */
export interface AccessTokenSignOptions {
  /** The issue time: a `Date` or epoch milliseconds; the clock when omitted. */
  readonly now?: Instant
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

type Draft = Omit<AccessTokenRecord, 'identity'> & { readonly identity?: string }

function checkGrant(grant: unknown): TaskRouterGrant {
  const call = 'taskRouter()'
  if (typeof grant !== 'object' || grant === null) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `${call}: grant must be { workspaceSid, workerSid?, role? }, got ${quote(grant)}`,
    )
  }
  const { workspaceSid, workerSid, role } = grant as Record<string, unknown>
  if (role !== undefined && !isRole(role)) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `${call}: role must be 1 to 64 letters, digits, _ or -, got ${quote(role)}`,
    )
  }
  return Object.freeze({
    workspaceSid: checkSid(call, 'workspaceSid', workspaceSid),
    ...(workerSid === undefined ? {} : { workerSid: checkSid(call, 'workerSid', workerSid) }),
    ...(role === undefined ? {} : { role }),
  })
}

/**
 * Builds an access token with a TaskRouter grant for the twilio-taskrouter v2 SDK. Every
 * call returns a new builder. `sign()` and `build()` compile only once `identity()` was
 * called.
 *
 * @typeParam HasIdentity - whether `identity()` was called
 */
export class AccessTokenBuilder<HasIdentity extends boolean = false> {
  readonly #draft: Draft
  readonly #secret: Secret

  /** @internal Use {@link accessToken}. */
  constructor(draft: Draft, secret: Secret) {
    this.#draft = Object.freeze(draft)
    this.#secret = secret
  }

  #with<H extends boolean>(draft: Draft): AccessTokenBuilder<H> {
    return new AccessTokenBuilder<H>(draft, this.#secret)
  }

  /**
   * Sets who the token is for (`grants.identity`): 1 to 256 characters without control
   * characters. Required.
   *
   * @example
   * ```ts
   * accessToken(key).identity('alice@example.com')
   * ```
   */
  identity(name: string): AccessTokenBuilder<true> {
    return this.#with({ ...this.#draft, identity: checkName('identity()', name) })
  }

  /**
   * Sets the TaskRouter grant.
   *
   * @example
   * ```ts
   * accessToken(key).identity('alice').taskRouter({ workspaceSid, workerSid, role: 'worker' })
   * ```
   */
  taskRouter(grant: TaskRouterGrantOptions): AccessTokenBuilder<HasIdentity> {
    return this.#with({ ...this.#draft, taskRouter: checkGrant(grant) })
  }

  /**
   * Sets the lifetime in whole seconds, 1 to 86400 (default 3600).
   *
   * @example
   * ```ts
   * accessToken(key).identity('alice').ttl(600)
   * ```
   */
  ttl(seconds: number): AccessTokenBuilder<HasIdentity> {
    return this.#with({ ...this.#draft, ttl: checkTtl('ttl()', seconds) })
  }

  /**
   * Sets a start of validity, the `nbf` claim (whole seconds).
   *
   * @example
   * ```ts
   * accessToken(key).identity('alice').notBefore(new Date('2026-12-05T08:00:00Z'))
   * ```
   */
  notBefore(at: Instant): AccessTokenBuilder<HasIdentity> {
    return this.#with({ ...this.#draft, notBefore: epochSeconds('notBefore(): at', at) })
  }

  #record(call: string): AccessTokenRecord {
    const draft = this.#draft
    if (draft.identity === undefined) {
      throw new CapabilityError('ERR_INVALID_ARGUMENT', `${call}: identity is required: call .identity(name) first`)
    }
    return draft as AccessTokenRecord
  }

  /**
   * The deeply frozen record. Compiles only after `identity()`.
   *
   * @example
   * ```ts
   * accessToken(key).identity('alice').taskRouter({ workspaceSid }).build().taskRouter?.workspaceSid
   * ```
   */
  build(
    this: HasIdentity extends true ? AccessTokenBuilder<true> : TypeError<'call .identity(name) before .build()'>,
  ): AccessTokenRecord {
    return (this as AccessTokenBuilder<true>).#record('build()')
  }

  /**
   * Signs the token: header `{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}`,
   * `jti` = `{SK}-{iat}`. Compiles only after `identity()`.
   *
   * @example
   * ```ts
   * const token = accessToken({ accountSid, apiKeySid, apiKeySecret })
   *   .identity('alice')
   *   .taskRouter({ workspaceSid, workerSid, role: 'worker' })
   *   .ttl(600)
   *   .sign()
   * ```
   */
  sign(
    this: HasIdentity extends true ? AccessTokenBuilder<true> : TypeError<'call .identity(name) before .sign()'>,
    options: AccessTokenSignOptions = {},
  ): string {
    const self = this as AccessTokenBuilder<true>
    const iat = epochSeconds('sign(): now', options.now)
    const record = self.#record('sign()')
    checkStartBeforeExpiry(record.notBefore, iat, record.ttl)
    return signAccessClaims(accessClaimsAt(record, iat), self.#secret)
  }

  /** What is set so far, never the secret. */
  toJSON(): Partial<AccessTokenRecord> {
    return this.#draft
  }

  /** @internal */
  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `AccessTokenBuilder ${inspect(this.#draft, options)}`
  }
}

/**
 * Starts an access token with a TaskRouter grant, for the twilio-taskrouter v2 SDK,
 * signed with an API key.
 *
 * @example
 * ```ts
 * import { accessToken } from 'taskrouter-capability'
 *
 * const token = accessToken({ accountSid, apiKeySid, apiKeySecret })
 *   .identity('alice')
 *   .taskRouter({ workspaceSid, workerSid, role: 'worker' })
 *   .ttl(600)
 *   .sign()
 * ```
 */
export function accessToken(options: AccessTokenOptions): AccessTokenBuilder<false> {
  const call = 'accessToken()'
  if (typeof options !== 'object' || options === null) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `${call}: options must be { accountSid, apiKeySid, apiKeySecret }, got ${quote(options)}`,
    )
  }
  const accountSid = checkSid(call, 'accountSid', options.accountSid)
  const apiKeySid = checkSid(call, 'apiKeySid', options.apiKeySid)
  const secret = Secret.from(call, 'apiKeySecret', options.apiKeySecret)
  return new AccessTokenBuilder({ accountSid, apiKeySid, ttl: DEFAULT_TTL_SECONDS }, secret)
}
