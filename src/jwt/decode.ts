import { type DecodedCapability, fromClaims } from '../claims/parse.js'
import { checkHeader, decodeParts } from './read.js'

/**
 * Reads a capability token into its record **without checking the signature**: for
 * debugging and tests only. Everything else `verify()` checks about the token's shape is
 * checked; times are not.
 *
 * @example What does this token from the browser grant?
 * ```ts
 * import { decode } from 'taskrouter-capability'
 *
 * const record = decode(token)
 * console.log(record.target, record.targetSid, record.expiresAt)
 * for (const policy of record.policies) console.log(policy.method, policy.url)
 * ```
 */
export function decode(token: string): DecodedCapability {
  const { header, payload } = decodeParts('decode()', token)
  checkHeader('decode()', header, undefined)
  return fromClaims('decode()', payload)
}
