/**
 * Every code a {@link CapabilityError} can carry. `switch (error.code)` narrows on it.
 *
 * Building and signing:
 * - `ERR_INVALID_SID`: a SID is not two letters of the right kind and 32 lowercase hex digits.
 * - `ERR_INVALID_AUTH_TOKEN`: the auth token or API key secret is not a string of 32+ characters.
 * - `ERR_MISSING_AUTH_TOKEN`: `sign()` was called and no secret is known.
 * - `ERR_INVALID_TTL`: a ttl is not a whole number of seconds from 1 to 86400.
 * - `ERR_INVALID_TIME`: a `now` or start time is not a valid date or positive whole seconds.
 * - `ERR_INVALID_URL`: a policy URL breaks the URL rules.
 * - `ERR_INVALID_METHOD`: a policy method is not `GET`, `POST` or `DELETE`.
 * - `ERR_INVALID_FILTER`: a query or post filter is not a plain object of strings and matchers.
 * - `ERR_POLICY_CONFLICT`: a rule allows what another, identical rule denies.
 * - `ERR_INVALID_ARGUMENT`: any other argument of the wrong shape (friendly name, identity, role, options).
 *
 * Reading tokens back:
 * - `ERR_TOKEN_MALFORMED`: not three base64url parts of JSON.
 * - `ERR_TOKEN_TOO_LARGE`: longer than {@link MAX_TOKEN_LENGTH} characters.
 * - `ERR_TOKEN_ALGORITHM`: the header names an algorithm other than HS256 (including `none`).
 * - `ERR_TOKEN_SIGNATURE`: the signature does not match the secret.
 * - `ERR_TOKEN_EXPIRED`: `exp` is in the past.
 * - `ERR_TOKEN_NOT_YET_VALID`: `nbf` is in the future.
 * - `ERR_TOKEN_ISSUER`: `iss` (or the expected account or workspace) does not match.
 * - `ERR_TOKEN_CLAIMS`: a claim is missing or has the wrong shape; the message names it.
 */
export type CapabilityErrorCode =
  | 'ERR_INVALID_SID'
  | 'ERR_INVALID_AUTH_TOKEN'
  | 'ERR_MISSING_AUTH_TOKEN'
  | 'ERR_INVALID_TTL'
  | 'ERR_INVALID_TIME'
  | 'ERR_INVALID_URL'
  | 'ERR_INVALID_METHOD'
  | 'ERR_INVALID_FILTER'
  | 'ERR_POLICY_CONFLICT'
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_TOKEN_MALFORMED'
  | 'ERR_TOKEN_TOO_LARGE'
  | 'ERR_TOKEN_ALGORITHM'
  | 'ERR_TOKEN_SIGNATURE'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_NOT_YET_VALID'
  | 'ERR_TOKEN_ISSUER'
  | 'ERR_TOKEN_CLAIMS'

/**
 * The one error class this library throws. Its `code` says which rule was broken; its
 * message names the call and the field, and never contains a secret.
 *
 * @example Narrowing on the code
 * ```ts
 * import { CapabilityError, capability } from 'taskrouter-capability'
 *
 * try {
 *   capability({ accountSid, workspaceSid }).forWorker('WK123')
 * } catch (error) {
 *   if (error instanceof CapabilityError && error.code === 'ERR_INVALID_SID') {
 *     console.error(error.message)
 *     // forWorker(): workerSid must be "WK" followed by 32 lowercase hex digits, got "WK123"
 *   }
 * }
 * ```
 */
export class CapabilityError extends Error {
  /** Which rule was broken. */
  readonly code: CapabilityErrorCode

  /**
   * @param code - which rule was broken
   * @param message - a sentence naming the call and the field
   * @param options - the underlying error, if any, as `cause`
   */
  constructor(code: CapabilityErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options)
    this.code = code
  }

  static {
    // On the prototype, so every instance (and subclass) reports it without an own field.
    Object.defineProperty(CapabilityError.prototype, 'name', { value: 'CapabilityError', writable: true })
  }
}

/** Quotes a user-supplied value for an error message, short enough to read. @internal */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 48 ? `${value.slice(0, 45)}...` : value
    return JSON.stringify(shown)
  }
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Date) return 'a Date'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}
