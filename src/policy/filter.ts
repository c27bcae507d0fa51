import { CapabilityError, quote } from '../errors.js'

/**
 * A filter matcher: the parameter must be present (`required: true`) or may be absent
 * (`required: false`), and when `value` is given, it must have that value.
 */
export interface FilterMatcher {
  /** Whether the request must carry the parameter. */
  readonly required: boolean
  /** The only value the parameter may have, when set. */
  readonly value?: string
}

/** A filter's value: a literal string, or a {@link FilterMatcher}. */
export type FilterValue = string | FilterMatcher

/** A query or post filter: parameter names to values or matchers. `{}` when empty. */
export type Filter = { readonly [name: string]: FilterValue }

const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** The empty filter, shared by every policy without one. @internal */
export const EMPTY_FILTER: Filter = Object.freeze({})

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

// Most filters are `{}`: tell so without allocating the list of keys.
function isEmpty(value: object): boolean {
  for (const _ in value) return false
  return true
}

/** Whether `value` is `{}`, a plain object with no keys: the empty filter. @internal */
export function isEmptyFilter(value: unknown): boolean {
  return isPlainObject(value) && isEmpty(value)
}

function checkMatcher(where: string, value: Record<string, unknown>): FilterMatcher {
  for (const key of Object.keys(value)) {
    if (key !== 'required' && key !== 'value') {
      throw new CapabilityError('ERR_INVALID_FILTER', `${where} has an unknown matcher key ${quote(key)}`)
    }
  }
  const { required, value: literal } = value
  if (typeof required !== 'boolean') {
    throw new CapabilityError('ERR_INVALID_FILTER', `${where}.required must be a boolean, got ${quote(required)}`)
  }
  if (literal === undefined) {
    if ('value' in value) {
      throw new CapabilityError('ERR_INVALID_FILTER', `${where}.value must be a string when present, got undefined`)
    }
    return Object.freeze({ required })
  }
  if (typeof literal !== 'string') {
    throw new CapabilityError('ERR_INVALID_FILTER', `${where}.value must be a string, got ${quote(literal)}`)
  }
  return Object.freeze({ required, value: literal })
}

/**
 * Checks a filter given by a user (or found in a token) and returns a frozen copy, or the
 * shared empty filter. `where` names the call and field, such as `allow(): queryFilter`.
 * @internal
 */
export function checkFilter(
  where: string,
  filter: unknown,
  code: 'ERR_INVALID_FILTER' | 'ERR_TOKEN_CLAIMS' = 'ERR_INVALID_FILTER',
): Filter {
  try {
    if (filter === undefined) return EMPTY_FILTER
    if (!isPlainObject(filter)) {
      throw new CapabilityError('ERR_INVALID_FILTER', `${where} must be a plain object, got ${quote(filter)}`)
    }
    if (isEmpty(filter)) return EMPTY_FILTER
    const names = Object.keys(filter)
    const copy: Record<string, FilterValue> = {}
    for (const name of names) {
      if (name === '' || FORBIDDEN_NAMES.has(name)) {
        throw new CapabilityError('ERR_INVALID_FILTER', `${where} has a forbidden parameter name ${quote(name)}`)
      }
      const value = filter[name]
      if (typeof value === 'string') {
        copy[name] = value
      } else if (isPlainObject(value)) {
        copy[name] = checkMatcher(`${where}[${JSON.stringify(name)}]`, value)
      } else {
        throw new CapabilityError(
          'ERR_INVALID_FILTER',
          `${where}[${JSON.stringify(name)}] must be a string or { required, value? }, got ${quote(value)}`,
        )
      }
    }
    return Object.freeze(copy)
  } catch (error) {
    if (code === 'ERR_INVALID_FILTER' || !(error instanceof CapabilityError)) throw error
    throw new CapabilityError(code, error.message)
  }
}

/** A stable JSON text for a filter, whatever the order of its keys. @internal */
export function canonicalFilter(filter: Filter): string {
  const names = Object.keys(filter)
  if (names.length === 0) return '{}'
  const sorted: Record<string, FilterValue> = {}
  for (const name of names.sort()) {
    const value = filter[name] as FilterValue
    sorted[name] =
      typeof value === 'string' || value.value === undefined ? value : { required: value.required, value: value.value }
  }
  return JSON.stringify(sorted)
}
