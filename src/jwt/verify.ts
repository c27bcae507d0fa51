import { createVerifier } from 'fast-jwt'
import { checkExpected, type DecodedCapability, type ExpectedClaims, fromClaims } from '../claims/parse.js'
import { CapabilityError, quote } from '../errors.js'
import { BoundedCache } from '../lib/lru.js'
import { Secret } from '../lib/secret.js'
import { epochSeconds, type Instant } from '../lib/time.js'
import { type AccountSid, checkSid, type WorkspaceSid } from '../sid.js'
import { checkHeader, checkTokenInput, type DecodedParts, decodeParts, wrapJwtError } from './read.js'

/** Options of {@link verify}. */
export interface VerifyOptions {
  /** The time to check `exp` and `nbf` against: a `Date` or epoch milliseconds; the clock when omitted. */
  readonly now?: Instant
  /** Seconds of clock skew to forgive on `exp` and `nbf`, 0 to 300; default 0. */
  readonly clockToleranceSeconds?: number
  /** When set, the account the token must belong to. */
  readonly accountSid?: AccountSid
  /** When set, the workspace the token must be for. */
  readonly workspaceSid?: WorkspaceSid
}

/** How many secrets keep a ready verifier. @internal */
export const VERIFIER_CACHE_SIZE = 256

type Verifier = (token: string) => DecodedParts

// Times are checked here against `options.now`, so fast-jwt checks only the algorithm and
// the signature, and one verifier per secret serves every call.
const verifiers = new BoundedCache<string, Verifier>(VERIFIER_CACHE_SIZE)
const createHs256Verifier = (key: string): Verifier =>
  createVerifier({
    key,
    algorithms: ['HS256'],
    complete: true,
    ignoreExpiration: true,
    ignoreNotBefore: true,
  }) as Verifier

/** Checks a token's signature with a cached verifier and returns its parts. @internal */
export function verifyParts(call: string, token: unknown, secret: Secret): DecodedParts {
  const input = checkTokenInput(call, token)
  try {
    return verifiers.get(secret.reveal(), createHs256Verifier)(input)
  } catch (error) {
    // Name the algorithm when that is what is wrong (`none` has no signature at all, which
    // fast-jwt reports first); this extra decode runs on the failure path only.
    const { header } = decodeParts(call, input)
    if (header['alg'] !== 'HS256') checkHeader(call, header, undefined)
    throw wrapJwtError(call, error)
  }
}

/** Checks `exp` and `nbf` against now, with tolerance. @internal */
export function checkTimes(
  call: string,
  times: { readonly exp: number; readonly nbf?: number | undefined },
  options: Pick<VerifyOptions, 'now' | 'clockToleranceSeconds'>,
): void {
  const now = epochSeconds(`${call}: now`, options.now)
  const tolerance = options.clockToleranceSeconds ?? 0
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300) {
    throw new CapabilityError(
      'ERR_INVALID_ARGUMENT',
      `${call}: clockToleranceSeconds must be a whole number from 0 to 300, got ${quote(tolerance)}`,
    )
  }
  if (now >= times.exp + tolerance) {
    throw new CapabilityError(
      'ERR_TOKEN_EXPIRED',
      `${call}: the token expired at ${new Date(times.exp * 1000).toISOString()}`,
    )
  }
  if (times.nbf !== undefined && now < times.nbf - tolerance) {
    throw new CapabilityError(
      'ERR_TOKEN_NOT_YET_VALID',
      `${call}: the token is not valid before ${new Date(times.nbf * 1000).toISOString()}`,
    )
  }
}

/**
 * Verifies a capability token and reads it into the record `build()` gives, plus
 * `issuedAt` and `expiresAt`. Synchronous. Checks, in order: size, HS256 only (`none`
 * and every other algorithm are refused), the signature, the claims' shape, `iss` =
 * `account_sid` (and the expected account and workspace, when given), then `exp` and
 * `nbf` against `now`.
 *
 * @example Check a token a browser sent back
 * ```ts
 * import { CapabilityError, verify } from 'taskrouter-capability'
 *
 * try {
 *   const record = verify(token, authToken, { accountSid, clockToleranceSeconds: 30 })
 *   if (record.target === 'worker') console.log('worker', record.targetSid)
 * } catch (error) {
 *   if (error instanceof CapabilityError && error.code === 'ERR_TOKEN_EXPIRED') refresh()
 * }
 * ```
 */
export function verify(token: string, authToken: string, options: VerifyOptions = {}): DecodedCapability {
  const call = 'verify()'
  return verifyToken(
    call,
    token,
    Secret.from(call, 'authToken', authToken),
    options,
    undefined,
    (payload, expected) => {
      const record = fromClaims(call, payload)
      checkExpected(call, record, expected)
      return record
    },
  )
}

/**
 * The steps every verify takes, in order: the expected SIDs, the signature (and size and
 * algorithm), the header, the claims (read by `read`), then the times. @internal
 */
export function verifyToken<R extends { readonly notBefore?: number }>(
  call: string,
  token: string,
  secret: Secret,
  options: VerifyOptions,
  cty: string | undefined,
  read: (payload: Record<string, unknown>, expected: ExpectedClaims) => R,
): R {
  const expected = {
    accountSid: options.accountSid === undefined ? undefined : checkSid(call, 'accountSid', options.accountSid),
    workspaceSid: options.workspaceSid === undefined ? undefined : checkSid(call, 'workspaceSid', options.workspaceSid),
  }
  const { header, payload } = verifyParts(call, token, secret)
  checkHeader(call, header, cty)
  const record = read(payload, expected)
  checkTimes(call, { exp: payload['exp'] as number, nbf: record.notBefore }, options)
  return record
}
