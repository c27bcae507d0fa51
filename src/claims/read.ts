import { checkName, checkTtl } from '../builder/base.js'
import { CapabilityError, quote } from '../errors.js'
import { isSid, SID_PREFIX, type SidField } from '../sid.js'

/** Throws `ERR_TOKEN_CLAIMS` naming the claim and the rule it breaks. @internal */
export function invalidClaim(claim: string, rule: string, value: unknown): never {
  throw new CapabilityError('ERR_TOKEN_CLAIMS', `claim ${claim} ${rule}, got ${quote(value)}`)
}

/** A SID claim of the given kind. @internal */
export function sidClaim<F extends SidField>(value: unknown, claim: string, field: F) {
  const prefix = SID_PREFIX[field]
  if (!isSid(value, prefix)) invalidClaim(claim, `must be "${prefix}" followed by 32 lowercase hex digits`, value)
  return value as `${(typeof SID_PREFIX)[F]}${string}`
}

/** A time claim: whole seconds since the epoch. @internal */
export function secondsClaim(value: unknown, claim: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalidClaim(claim, 'must be whole seconds since the epoch', value)
  }
  return value
}

/** The ttl `exp - iat`, held to the builder's bounds. @internal */
export function ttlClaim(iat: number, exp: number): number {
  try {
    return checkTtl('', exp - iat)
  } catch {
    return invalidClaim('exp', `must be 1 to 86400 seconds after iat ${iat}`, exp)
  }
}

/** A name claim (friendly name, identity), held to the builder's rule. @internal */
export function nameClaim(value: unknown, claim: string): string {
  try {
    return checkName('', value)
  } catch {
    return invalidClaim(claim, 'must be 1 to 256 characters without control characters', value)
  }
}

/** A plain JSON object. @internal */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Runs a claims reader, naming `call` once at the head of any error it throws. @internal */
export function readingClaims<T>(call: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof CapabilityError) throw new CapabilityError(error.code, `${call}: ${error.message}`)
    throw error
  }
}
