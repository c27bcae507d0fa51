import { CapabilityError } from '../errors.js'

const REDACTED = '[redacted]'

/**
 * Holds an auth token or API key secret so that it cannot leak by accident: it prints as
 * `[redacted]` in `util.inspect`, `JSON.stringify`, `String()` and template strings, and
 * the value sits in a private field no enumeration reaches. @internal
 */
export class Secret {
  readonly #value: string

  private constructor(value: string) {
    this.#value = value
  }

  /**
   * Checks a secret (a string of at least 32 characters: HS256 wants a 256-bit key) and
   * wraps it. The message names `call` and `field`, never the value.
   */
  static from(call: string, field: string, value: unknown): Secret {
    if (typeof value !== 'string') {
      throw new CapabilityError(
        'ERR_INVALID_AUTH_TOKEN',
        `${call}: ${field} must be a string, got ${value === null ? 'null' : typeof value}`,
      )
    }
    if (value.length < 32) {
      throw new CapabilityError(
        'ERR_INVALID_AUTH_TOKEN',
        `${call}: ${field} must be at least 32 characters (HS256 needs a 256-bit key), got ${value.length}`,
      )
    }
    return new Secret(value)
  }

  /** The secret itself; only the JWT layer calls this. */
  reveal(): string {
    return this.#value
  }

  toJSON(): string {
    return REDACTED
  }

  toString(): string {
    return REDACTED
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED
  }
}
