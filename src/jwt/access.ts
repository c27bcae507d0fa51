import { type DecodedAccessToken, fromAccessClaims } from '../claims/access.js'
import { Secret } from '../lib/secret.js'
import { ACCESS_TOKEN_CTY, checkHeader, decodeParts } from './read.js'
import { type VerifyOptions, verifyToken } from './verify.js'

/**
 * Verifies an access token (HS256 with header `cty` `twilio-fpa;v=1`) signed with an API
 * key secret, and reads it into the record `accessToken(…).build()` gives, plus
 * `issuedAt` and `expiresAt`. The same checks as {@link verify}; `accountSid` is checked
 * against `sub`, `workspaceSid` against the TaskRouter grant.
 *
 * @example
 * ```ts
 * import { verifyAccessToken } from 'taskrouter-capability'
 *
 * const { identity, taskRouter } = verifyAccessToken(token, apiKeySecret, { accountSid })
 * ```
 */
export function verifyAccessToken(
  token: string,
  apiKeySecret: string,
  options: VerifyOptions = {},
): DecodedAccessToken {
  const call = 'verifyAccessToken()'
  const secret = Secret.from(call, 'apiKeySecret', apiKeySecret)
  return verifyToken(call, token, secret, options, ACCESS_TOKEN_CTY, (payload, expected) =>
    fromAccessClaims(call, payload, expected),
  )
}

/**
 * Reads an access token **without checking the signature**, for debugging and tests.
 *
 * @example
 * ```ts
 * import { decodeAccessToken } from 'taskrouter-capability'
 *
 * decodeAccessToken(token).taskRouter?.workerSid
 * ```
 */
export function decodeAccessToken(token: string): DecodedAccessToken {
  const { header, payload } = decodeParts('decodeAccessToken()', token)
  checkHeader('decodeAccessToken()', header, ACCESS_TOKEN_CTY)
  return fromAccessClaims('decodeAccessToken()', payload)
}
