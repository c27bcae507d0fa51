import { CapabilityError, quote } from './errors.js'

/** An account SID: `AC` and 32 lowercase hex digits. */
export type AccountSid = `AC${string}`
/** A TaskRouter workspace SID: `WS` and 32 lowercase hex digits. */
export type WorkspaceSid = `WS${string}`
/** A TaskRouter worker SID: `WK` and 32 lowercase hex digits. */
export type WorkerSid = `WK${string}`
/** A TaskRouter task queue SID: `WQ` and 32 lowercase hex digits. */
export type TaskQueueSid = `WQ${string}`
/** A TaskRouter task SID: `WT` and 32 lowercase hex digits. */
export type TaskSid = `WT${string}`
/** A TaskRouter activity SID: `WA` and 32 lowercase hex digits. */
export type ActivitySid = `WA${string}`
/** A TaskRouter reservation SID: `WR` and 32 lowercase hex digits. */
export type ReservationSid = `WR${string}`
/** An API key SID: `SK` and 32 lowercase hex digits. */
export type ApiKeySid = `SK${string}`

/** The SID prefixes this library knows, by the name used in messages. @internal */
export const SID_PREFIX = {
  accountSid: 'AC',
  workspaceSid: 'WS',
  workerSid: 'WK',
  taskQueueSid: 'WQ',
  taskSid: 'WT',
  activitySid: 'WA',
  reservationSid: 'WR',
  apiKeySid: 'SK',
} as const

/** A field that holds a SID. @internal */
export type SidField = keyof typeof SID_PREFIX

// 1 for the characters 0-9 and a-f, by char code: a SID is checked on every token minted,
// and a table lookup per character is cheaper than a regular expression here.
const LOWER_HEX = new Uint8Array(128)
for (const c of '0123456789abcdef') LOWER_HEX[c.charCodeAt(0)] = 1

/** Whether `value` is a SID of the given two-letter prefix. @internal */
export function isSid(value: unknown, prefix: string): boolean {
  if (typeof value !== 'string' || value.length !== 34) return false
  if (value.charCodeAt(0) !== prefix.charCodeAt(0) || value.charCodeAt(1) !== prefix.charCodeAt(1)) return false
  for (let i = 2; i < 34; i++) {
    const code = value.charCodeAt(i)
    if (code > 127 || LOWER_HEX[code] !== 1) return false
  }
  return true
}

/**
 * Checks that `value` is a SID for `field` and returns it typed, or throws
 * `ERR_INVALID_SID` naming `call` and `field`. @internal
 */
export function checkSid<const F extends SidField>(
  call: string,
  field: F,
  value: unknown,
): `${(typeof SID_PREFIX)[F]}${string}` {
  const prefix = SID_PREFIX[field]
  if (!isSid(value, prefix)) {
    throw new CapabilityError(
      'ERR_INVALID_SID',
      `${call}: ${field} must be "${prefix}" followed by 32 lowercase hex digits, got ${quote(value)}`,
    )
  }
  return value as `${(typeof SID_PREFIX)[F]}${string}`
}
