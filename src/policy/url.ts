import { CapabilityError, quote } from '../errors.js'

/** The wildcard segments a policy URL may end with: one segment, or one or more. */
export type Wildcard = '*' | '**'

// https://host/segment[/segment...]: a lowercase DNS host, no port, no user info;
// segments of unreserved characters; the query, fragment and anything else are refused.
const URL_SHAPE =
  /^https:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*((?:\/[A-Za-z0-9._~*-]+)+)$/

/**
 * Checks a policy URL against the rules: absolute `https:`, no query or fragment, no empty,
 * `.` or `..` segments, and a wildcard (`*` or `**`) only as the whole last segment.
 * Returns the URL, or throws `ERR_INVALID_URL` naming `where`. @internal
 */
export function checkPolicyUrl(
  where: string,
  url: unknown,
  code: 'ERR_INVALID_URL' | 'ERR_TOKEN_CLAIMS' = 'ERR_INVALID_URL',
): string {
  const fail = (rule: string): never => {
    throw new CapabilityError(code, `${where} ${rule}, got ${quote(url)}`)
  }
  if (typeof url !== 'string') return fail('must be a string')
  if (url.length > 2048) return fail('must be at most 2048 characters')
  const match = URL_SHAPE.exec(url)
  if (match === null) {
    if (url.includes('?') || url.includes('#')) return fail('must have no query string or fragment')
    if (!url.startsWith('https://')) return fail('must be an absolute https: URL')
    return fail('must be https://host/path with non-empty segments of letters, digits and . _ ~ - only')
  }
  const segments = (match[1] as string).split('/')
  const last = segments.length - 1
  for (let i = 1; i <= last; i++) {
    const segment = segments[i] as string
    if (segment === '.' || segment === '..') return fail('must have no "." or ".." segments')
    if (segment.includes('*') && (i !== last || (segment !== '*' && segment !== '**'))) {
      return fail('may use a wildcard only as the whole last segment ("*" or "**")')
    }
  }
  return url
}
