import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CapabilityError, decode, MAX_TOKEN_LENGTH, toClaims, verify } from '../../src/index.js'
import { chain, run } from '../arbitraries.js'
import { AC, AUTH_TOKEN, failure, NOW, OTHER_AUTH_TOKEN, seedBuilder, WK, WS } from '../fixtures.js'

const LATER = new Date(NOW.getTime() + 60_000)

/** Signs any header and claims by hand, as an attacker or another library could. */
function forge(header: object, claims: object, secret = AUTH_TOKEN): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}

const seed = seedBuilder
const seedClaims = () => toClaims(seed().build(), { now: NOW }) as unknown as Record<string, unknown>

describe('verify() and decode() give back the record build() gave', () => {
  it('for the seed token, exactly', () => {
    const token = seed().sign({ now: NOW })
    const expected = { ...seed().build(), issuedAt: NOW, expiresAt: new Date(NOW.getTime() + 600_000) }
    expect(verify(token, AUTH_TOKEN, { now: LATER })).toStrictEqual(expected)
    expect(decode(token)).toStrictEqual(expected)
    expect(Object.isFrozen(decode(token))).toBe(true)
  })

  it('for random targets, permissions, rules, ttls and start times', () => {
    fc.assert(
      fc.property(chain, ({ start, steps }) => {
        const builder = run(start, steps).at(-1)
        if (builder === undefined) return
        const record = builder.build()
        const now = (record.notBefore ?? 1_600_000_000) * 1000 + 1000
        if (record.notBefore !== undefined && record.notBefore >= now / 1000 + record.ttl) return
        const token = builder.sign({ now, authToken: AUTH_TOKEN })
        const { issuedAt, expiresAt, ...verified } = verify(token, AUTH_TOKEN, { now })
        expect(verified).toStrictEqual(record)
        expect(expiresAt.getTime() - issuedAt.getTime()).toBe(record.ttl * 1000)
        const { issuedAt: _i, expiresAt: _e, ...decoded } = decode(token)
        expect(decoded).toStrictEqual(record)
      }),
      { numRuns: 300 },
    )
  })

  it('including the nbf claim', () => {
    const token = seed().notBefore(NOW).sign({ now: NOW })
    expect(verify(token, AUTH_TOKEN, { now: NOW }).notBefore).toBe(1_700_000_000)
  })
})

describe('the rejection matrix', () => {
  const token = () => seed().sign({ now: NOW })

  it.each([
    ['', 'verify(): the token is not three base64url parts of JSON objects'],
    ['abc', 'verify(): the token is not three base64url parts of JSON objects'],
    ['a.b', 'verify(): the token is not three base64url parts of JSON objects'],
    ['e30.e30.e30.e30', 'verify(): the token is not three base64url parts of JSON objects'],
    ['!!!.e30.sig', 'verify(): the token is not three base64url parts of JSON objects'],
    ['bm90IGpzb24.e30.c2ln', 'verify(): the token is not three base64url parts of JSON objects'],
  ])('%j is malformed', (bad, message) => {
    expect(failure(() => verify(bad, AUTH_TOKEN))).toStrictEqual({ code: 'ERR_TOKEN_MALFORMED', message })
  })

  it('a payload that is not an object is malformed', () => {
    const input = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}`
    const bad = `${input}.${createHmac('sha256', AUTH_TOKEN).update(input).digest('base64url')}`
    expect(failure(() => verify(bad, AUTH_TOKEN)).code).toBe('ERR_TOKEN_MALFORMED')
    expect(failure(() => decode(bad)).code).toBe('ERR_TOKEN_MALFORMED')
  })

  it('a token that is not a string is malformed', () => {
    expect(failure(() => verify(42 as never, AUTH_TOKEN))).toStrictEqual({
      code: 'ERR_TOKEN_MALFORMED',
      message: 'verify(): token must be a string, got number 42',
    })
  })

  it('a token over the cap is too large, before anything is decoded', () => {
    expect(failure(() => verify('a'.repeat(MAX_TOKEN_LENGTH + 1), AUTH_TOKEN))).toStrictEqual({
      code: 'ERR_TOKEN_TOO_LARGE',
      message: `verify(): token must be at most ${MAX_TOKEN_LENGTH} characters, got ${MAX_TOKEN_LENGTH + 1}`,
    })
    expect(failure(() => decode('a'.repeat(MAX_TOKEN_LENGTH + 1))).code).toBe('ERR_TOKEN_TOO_LARGE')
  })

  it.each([
    ['none', 'verify(): the token must be signed with HS256, got alg "none"'],
    ['HS512', 'verify(): the token must be signed with HS256, got alg "HS512"'],
    ['RS256', 'verify(): the token must be signed with HS256, got alg "RS256"'],
    ['hs256', 'verify(): the token must be signed with HS256, got alg "hs256"'],
  ])('alg %s is refused', (alg, message) => {
    const signed = forge({ alg, typ: 'JWT' }, seedClaims())
    expect(failure(() => verify(signed, AUTH_TOKEN, { now: LATER }))).toStrictEqual({
      code: 'ERR_TOKEN_ALGORITHM',
      message,
    })
    expect(failure(() => decode(signed)).code).toBe('ERR_TOKEN_ALGORITHM')
  })

  it('alg none with an empty signature is refused', () => {
    const [, payload] = token().split('.')
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`
    expect(failure(() => verify(unsigned, AUTH_TOKEN, { now: LATER }))).toStrictEqual({
      code: 'ERR_TOKEN_ALGORITHM',
      message: 'verify(): the token must be signed with HS256, got alg "none"',
    })
  })

  it('a token signed with another secret has a bad signature, and the error keeps fast-jwt’s as cause', () => {
    const signed = seed().sign({ now: NOW, authToken: OTHER_AUTH_TOKEN })
    expect(failure(() => verify(signed, AUTH_TOKEN, { now: LATER }))).toStrictEqual({
      code: 'ERR_TOKEN_SIGNATURE',
      message: 'verify(): the token signature does not match the auth token',
    })
    try {
      verify(signed, AUTH_TOKEN, { now: LATER })
    } catch (error) {
      expect((error as Error & { cause: { code: string } }).cause.code).toBe('FAST_JWT_INVALID_SIGNATURE')
    }
  })

  it('a bad auth token for verify() is refused without showing it', () => {
    expect(failure(() => verify(token(), 'short'))).toStrictEqual({
      code: 'ERR_INVALID_AUTH_TOKEN',
      message: 'verify(): authToken must be at least 32 characters (HS256 needs a 256-bit key), got 5',
    })
  })

  it('an expired token is refused, at exp exactly, unless within the tolerance', () => {
    const exp = new Date(NOW.getTime() + 600_000)
    expect(failure(() => verify(token(), AUTH_TOKEN, { now: exp }))).toStrictEqual({
      code: 'ERR_TOKEN_EXPIRED',
      message: 'verify(): the token expired at 2023-11-14T22:23:20.000Z',
    })
    expect(verify(token(), AUTH_TOKEN, { now: exp, clockToleranceSeconds: 1 }).ttl).toBe(600)
    expect(failure(() => verify(token(), AUTH_TOKEN)).code).toBe('ERR_TOKEN_EXPIRED') // by the clock: 2023 is past
  })

  it('a token used before nbf is not yet valid, unless within the tolerance', () => {
    const early = seed().notBefore(LATER).sign({ now: NOW })
    expect(failure(() => verify(early, AUTH_TOKEN, { now: NOW }))).toStrictEqual({
      code: 'ERR_TOKEN_NOT_YET_VALID',
      message: 'verify(): the token is not valid before 2023-11-14T22:14:20.000Z',
    })
    expect(verify(early, AUTH_TOKEN, { now: NOW, clockToleranceSeconds: 60 }).notBefore).toBe(1_700_000_060)
    expect(verify(early, AUTH_TOKEN, { now: LATER }).notBefore).toBe(1_700_000_060)
  })

  it('refuses a tolerance out of range', () => {
    expect(failure(() => verify(token(), AUTH_TOKEN, { now: LATER, clockToleranceSeconds: 301 }))).toStrictEqual({
      code: 'ERR_INVALID_ARGUMENT',
      message: 'verify(): clockToleranceSeconds must be a whole number from 0 to 300, got number 301',
    })
  })

  it('an issuer other than account_sid is refused', () => {
    const signed = forge({ alg: 'HS256', typ: 'JWT' }, { ...seedClaims(), iss: 'AC99999999999999999999999999999999' })
    expect(failure(() => verify(signed, AUTH_TOKEN, { now: LATER }))).toStrictEqual({
      code: 'ERR_TOKEN_ISSUER',
      message: `verify(): claim iss must equal account_sid ${AC}, got "AC99999999999999999999999999999999"`,
    })
  })

  it('a token for another account or workspace than expected is refused', () => {
    const other = 'AC99999999999999999999999999999999' as const
    expect(failure(() => verify(token(), AUTH_TOKEN, { now: LATER, accountSid: other }))).toStrictEqual({
      code: 'ERR_TOKEN_ISSUER',
      message: `verify(): claim account_sid must be ${other}, got "${AC}"`,
    })
    expect(
      failure(() => verify(token(), AUTH_TOKEN, { now: LATER, workspaceSid: 'WS99999999999999999999999999999999' }))
        .code,
    ).toBe('ERR_TOKEN_ISSUER')
    expect(verify(token(), AUTH_TOKEN, { now: LATER, accountSid: AC, workspaceSid: WS }).accountSid).toBe(AC)
  })

  const firstPolicy = () => (seedClaims()['policies'] as object[])[0]
  it.each([
    [{ version: 'v2' }, 'claim version must be "v1", got "v2"'],
    [{ iat: '1700000000' }, 'claim iat must be whole seconds since the epoch, got "1700000000"'],
    [{ exp: 1.5 }, 'claim exp must be whole seconds since the epoch, got number 1.5'],
    [{ exp: 1_700_000_000 }, 'claim exp must be 1 to 86400 seconds after iat 1700000000, got number 1700000000'],
    [{ exp: 1_700_086_401 }, 'claim exp must be 1 to 86400 seconds after iat 1700000000, got number 1700086401'],
    [{ nbf: -1 }, 'claim nbf must be whole seconds since the epoch, got number -1'],
    [
      { account_sid: 'AC1', iss: 'AC1' },
      'claim account_sid must be "AC" followed by 32 lowercase hex digits, got "AC1"',
    ],
    [{ workspace_sid: 'WS/..' }, 'claim workspace_sid must be "WS" followed by 32 lowercase hex digits, got "WS/.."'],
    [
      { worker_sid: 'WQ0123456789abcdef0123456789abcdef' },
      'claim worker_sid must be "WK" followed by 32 lowercase hex digits, got "WQ0123456789abcdef0123456789abcdef"',
    ],
    [
      { taskqueue_sid: 'WQ0123456789abcdef0123456789abcdef' },
      'claim taskqueue_sid must be absent when worker_sid is present, got "WQ0123456789abcdef0123456789abcdef"',
    ],
    [{ channel: 'a/b' }, 'claim channel must be 1 to 64 letters, digits or . _ ~ -, got "a/b"'],
    [{ friendly_name: '' }, 'claim friendly_name must be 1 to 256 characters without control characters, got ""'],
    [{ policies: {} }, 'claim policies must be an array, got an object'],
    [{ policies: [1] }, 'claim policies[0] must be an object, got number 1'],
    [{ policies: [{ ...firstPolicy(), extra: 1 }] }, 'claim policies[0] has an unknown key, got "extra"'],
    [
      { policies: [{ ...firstPolicy(), url: 'http://x.com/a' }] },
      'claim policies[0].url must be an absolute https: URL, got "http://x.com/a"',
    ],
    [
      { policies: [{ ...firstPolicy(), method: 'PATCH' }] },
      'claim policies[0].method must be "GET", "POST" or "DELETE", got "PATCH"',
    ],
    [{ policies: [{ ...firstPolicy(), allow: 'true' }] }, 'claim policies[0].allow must be a boolean, got "true"'],
    [
      { policies: [{ ...firstPolicy(), post_filter: { A: 2 } }] },
      'claim policies[0].post_filter["A"] must be a string or { required, value? }, got number 2',
    ],
    [
      { policies: Array.from({ length: 129 }, (_, i) => ({ url: `https://a.io/${i}`, method: 'GET', allow: true })) },
      'claim policies must hold at most 128 rules, got number 129',
    ],
    [{ jti: 'x' }, 'claim jti is not a capability claim, got "jti"'],
  ])('claims changed in %# are invalid and named', (change, message) => {
    const signed = forge({ alg: 'HS256', typ: 'JWT' }, { ...seedClaims(), ...change })
    expect(failure(() => verify(signed, AUTH_TOKEN, { now: LATER }))).toStrictEqual({
      code: 'ERR_TOKEN_CLAIMS',
      message: `verify(): ${message}`,
    })
    expect(failure(() => decode(signed))).toStrictEqual({ code: 'ERR_TOKEN_CLAIMS', message: `decode(): ${message}` })
  })

  it('directly conflicting rules in a token are refused', () => {
    const policy = firstPolicy() as Record<string, unknown>
    const signed = forge(
      { alg: 'HS256', typ: 'JWT' },
      { ...seedClaims(), policies: [policy, { ...policy, allow: false }] },
    )
    expect(failure(() => verify(signed, AUTH_TOKEN, { now: LATER }))).toStrictEqual({
      code: 'ERR_TOKEN_CLAIMS',
      message: `verify(): claim policies: DENY GET ${policy['url']} conflicts with ALLOW GET ${policy['url']}: the same rule cannot both allow and deny`,
    })
  })

  it('repeated rules in a token are read once', () => {
    const policy = firstPolicy()
    const signed = forge({ alg: 'HS256', typ: 'JWT' }, { ...seedClaims(), policies: [policy, policy] })
    expect(verify(signed, AUTH_TOKEN, { now: LATER }).policies).toHaveLength(1)
  })

  it('an access token is pointed to its own verifier', () => {
    const signed = forge({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' }, seedClaims())
    expect(failure(() => verify(signed, AUTH_TOKEN, { now: LATER }))).toStrictEqual({
      code: 'ERR_TOKEN_MALFORMED',
      message:
        'verify(): header cty "twilio-fpa;v=1" marks an access token: use verifyAccessToken() or decodeAccessToken()',
    })
  })
})

describe('a mutation fuzz', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '
  const original = seed().sign({ now: NOW })
  const originalRecord = verify(original, AUTH_TOKEN, { now: LATER })
  const mutation = fc.oneof(
    fc
      .tuple(fc.nat(original.length - 1), fc.constantFrom(...ALPHABET))
      .map(([i, c]) => original.slice(0, i) + c + original.slice(i + 1)),
    fc
      .tuple(fc.nat(original.length), fc.constantFrom(...ALPHABET))
      .map(([i, c]) => original.slice(0, i) + c + original.slice(i)),
    fc.nat(original.length - 1).map((i) => original.slice(0, i) + original.slice(i + 1)),
    fc.nat(original.length - 1).map((i) => original.slice(0, i)),
    fc.tuple(fc.nat(original.length - 1), fc.nat(original.length - 1)).map(([i, j]) => {
      const chars = [...original]
      ;[chars[i], chars[j]] = [chars[j] as string, chars[i] as string]
      return chars.join('')
    }),
  )
  const CODES = new Set(['ERR_TOKEN_MALFORMED', 'ERR_TOKEN_ALGORITHM', 'ERR_TOKEN_SIGNATURE', 'ERR_TOKEN_CLAIMS'])

  it('accepts no altered token with different claims, and every failure carries a code', () => {
    const [originalInput, originalSignature] = [original.slice(0, original.lastIndexOf('.')), original.split('.')[2]]
    let refused = 0
    fc.assert(
      fc.property(mutation, (token) => {
        try {
          const record = verify(token, AUTH_TOKEN, { now: LATER })
          // Only a change that leaves the signed bytes the same may pass: the token itself
          // (a swap of two equal characters, say), or a signature that decodes to the same
          // bytes (the unused low bits of its last character). It must say the same thing.
          expect(token.slice(0, token.lastIndexOf('.'))).toBe(originalInput)
          expect(Buffer.from(token.split('.')[2] ?? '', 'base64url')).toStrictEqual(
            Buffer.from(originalSignature ?? '', 'base64url'),
          )
          expect(record).toStrictEqual(originalRecord)
        } catch (error) {
          expect(error).toBeInstanceOf(CapabilityError)
          expect(CODES.has((error as CapabilityError).code)).toBe(true)
          refused++
        }
      }),
      { numRuns: 5000 },
    )
    // Nearly every mutation changes the signed bytes; this only checks the fuzz ran.
    expect(refused).toBeGreaterThan(4000)
  })
})

describe('tokens from twilio-node', () => {
  const require = createRequire(import.meta.url)
  const { default: TaskRouterCapability, Policy } = require('twilio/lib/jwt/taskrouter/TaskRouterCapability.js')
  const util = require('twilio/lib/jwt/taskrouter/util.js')

  it('verify and parse into the same record our builder gives for the same rules', () => {
    const twilio = new TaskRouterCapability({
      accountSid: AC,
      authToken: AUTH_TOKEN,
      workspaceSid: WS,
      channelId: WK,
      ttl: 600,
    })
    for (const p of util.defaultEventBridgePolicies(AC, WK)) twilio.addPolicy(p)
    twilio.addPolicy(new Policy({ url: util.activitiesUrl(WS), method: 'GET', allow: true }))
    twilio.addPolicy(new Policy({ url: util.workersUrl(WS, WK), method: 'GET', allow: true }))
    twilio.addPolicy(
      new Policy({
        url: util.workersUrl(WS, WK),
        method: 'POST',
        postFilter: { ActivitySid: { required: true } },
        allow: true,
      }),
    )
    twilio.addPolicy(new Policy({ url: util.tasksUrl(WS, '**'), method: 'POST', allow: true }))
    twilio.addPolicy(new Policy({ url: util.reservationsUrl(WS, WK, '**'), method: 'POST', allow: true }))
    const { issuedAt, expiresAt, ...record } = verify(twilio.toJwt(), AUTH_TOKEN)
    // twilio-node writes no friendly_name unless given: it reads as the channel, as ours defaults.
    expect(record).toStrictEqual(seed().build())
    expect(expiresAt.getTime() - issuedAt.getTime()).toBe(600_000)
  })
})
