import { CapabilityError, quote } from '../errors.js'

/** A moment: a `Date`, or milliseconds since the epoch as `Date.now()` gives (seconds are refused). */
export type Instant = Date | number

// Below this many milliseconds (March 1973) a number is far likelier to be seconds given
// by mistake than a real moment, so it is refused rather than read as 1970.
const MIN_EPOCH_MS = 1e11

/**
 * Whole seconds since the epoch of an instant (the clock when `undefined`), or throws
 * `ERR_INVALID_TIME` naming `where`. @internal
 */
export function epochSeconds(where: string, instant: Instant | undefined): number {
  if (instant === undefined) return Math.floor(Date.now() / 1000)
  const ms = instant instanceof Date ? instant.getTime() : instant
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < MIN_EPOCH_MS) {
    throw new CapabilityError(
      'ERR_INVALID_TIME',
      `${where} must be a valid Date or milliseconds since the epoch (not seconds), got ${quote(instant)}`,
    )
  }
  return Math.floor(ms / 1000)
}

/**
 * Refuses a start time (`nbf`, in seconds) at or after the expiry `iat + ttl`: such a
 * token could never be used. @internal
 */
export function checkStartBeforeExpiry(notBefore: number | undefined, iat: number, ttl: number): void {
  if (notBefore !== undefined && notBefore >= iat + ttl) {
    throw new CapabilityError(
      'ERR_INVALID_TIME',
      'sign(): the start time (notBefore) is at or after the expiry (now + ttl)',
    )
  }
}
