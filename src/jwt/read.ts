import { createDecoder } from 'fast-jwt'
import { CapabilityError, type CapabilityErrorCode, quote } from '../errors.js'

/** The header `cty` that marks an access token (Twilio's "first-party auth" format). @internal */
export const ACCESS_TOKEN_CTY = 'twilio-fpa;v=1'

/** The longest token `verify()` and `decode()` read: 32 KiB holds well over 100 rules. */
export const MAX_TOKEN_LENGTH = 32_768

/** A token split into its decoded parts. @internal */
export interface DecodedParts {
  readonly header: Record<string, unknown>
  readonly payload: Record<string, unknown>
}

const FAST_JWT_CODES: Readonly<Record<string, CapabilityErrorCode>> = {
  FAST_JWT_MALFORMED: 'ERR_TOKEN_MALFORMED',
  FAST_JWT_INVALID_TYPE: 'ERR_TOKEN_MALFORMED',
  FAST_JWT_INVALID_PAYLOAD: 'ERR_TOKEN_MALFORMED',
  FAST_JWT_MISSING_SIGNATURE: 'ERR_TOKEN_MALFORMED',
  FAST_JWT_INVALID_CRIT_HEADER: 'ERR_TOKEN_MALFORMED',
  FAST_JWT_INVALID_ALGORITHM: 'ERR_TOKEN_ALGORITHM',
  FAST_JWT_INVALID_SIGNATURE: 'ERR_TOKEN_SIGNATURE',
}

const MESSAGES: Partial<Record<CapabilityErrorCode, string>> = {
  ERR_TOKEN_MALFORMED: 'the token is not three base64url parts of JSON objects',
  ERR_TOKEN_ALGORITHM: 'the token is not signed with HS256',
  ERR_TOKEN_SIGNATURE: 'the token signature does not match the auth token',
}

/**
 * Turns a fast-jwt error into ours, keeping it as `cause`. fast-jwt's messages never hold
 * the key, but ours are worded for this library's users. @internal
 */
export function wrapJwtError(call: string, error: unknown): CapabilityError {
  if (error instanceof CapabilityError) return error
  const code = FAST_JWT_CODES[(error as { code?: string } | null)?.code ?? ''] ?? 'ERR_TOKEN_MALFORMED'
  return new CapabilityError(code, `${call}: ${MESSAGES[code]}`, { cause: error })
}

/** Checks what every token must be before any parsing: a string of sane size. @internal */
export function checkTokenInput(call: string, token: unknown): string {
  if (typeof token !== 'string') {
    throw new CapabilityError('ERR_TOKEN_MALFORMED', `${call}: token must be a string, got ${quote(token)}`)
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new CapabilityError(
      'ERR_TOKEN_TOO_LARGE',
      `${call}: token must be at most ${MAX_TOKEN_LENGTH} characters, got ${token.length}`,
    )
  }
  return token
}

/** Checks the header: HS256 and nothing that changes how the token is read. @internal */
export function checkHeader(call: string, header: Record<string, unknown>, cty: string | undefined): void {
  if (header['alg'] !== 'HS256') {
    throw new CapabilityError(
      'ERR_TOKEN_ALGORITHM',
      `${call}: the token must be signed with HS256, got alg ${quote(header['alg'])}`,
    )
  }
  if (header['typ'] !== undefined && header['typ'] !== 'JWT') {
    throw new CapabilityError('ERR_TOKEN_MALFORMED', `${call}: header typ must be "JWT", got ${quote(header['typ'])}`)
  }
  if (header['cty'] !== cty) {
    throw new CapabilityError(
      'ERR_TOKEN_MALFORMED',
      cty === undefined
        ? `${call}: header cty ${quote(header['cty'])} marks an access token: use verifyAccessToken() or decodeAccessToken()`
        : `${call}: header cty must be ${quote(cty)}, got ${quote(header['cty'])}`,
    )
  }
}

const decoder = createDecoder({ complete: true }) as (token: string) => DecodedParts

/** Decodes a token's header and payload without checking the signature. @internal */
export function decodeParts(call: string, token: unknown): DecodedParts {
  const input = checkTokenInput(call, token)
  try {
    return decoder(input)
  } catch (error) {
    throw wrapJwtError(call, error)
  }
}
