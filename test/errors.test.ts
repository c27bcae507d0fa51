import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { capability, taskQueuesUrl, toClaims, workerReservationsUrl, workersUrl } from '../src/index.js'
import { AC, AUTH_TOKEN, failure, NOW, WK, WK_URL, WQ, WS, WS_URL } from './fixtures.js'

const base = () => capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
const worker = () => base().forWorker(WK)
const HEX = '0123456789abcdef0123456789abcdef'

describe('SIDs', () => {
  it.each([
    ['WK123', '"WK123"'],
    [`WK${HEX.toUpperCase()}`, `"WK${HEX.toUpperCase()}"`],
    [`WQ${HEX}`, `"WQ${HEX}"`],
    [`WK${HEX}0`, `"WK${HEX}0"`],
    [`WK${HEX.slice(0, 31)}/`, `"WK${HEX.slice(0, 31)}/"`],
    [`WK${HEX.slice(0, 30)}..`, `"WK${HEX.slice(0, 30)}.."`],
    [` WK${HEX.slice(1)}`, `" WK${HEX.slice(1)}"`],
    [`WK${HEX.slice(0, 31)}\u00e9`, `"WK${HEX.slice(0, 31)}\u00e9"`],
    [`WK${HEX}\n`, `"WK${HEX}\\n"`],
    ['', '""'],
    [42, 'number 42'],
    [undefined, 'undefined'],
    [null, 'null'],
  ])('forWorker(%j) is refused', (sid, shown) => {
    expect(failure(() => base().forWorker(sid as never))).toStrictEqual({
      code: 'ERR_INVALID_SID',
      message: `forWorker(): workerSid must be "WK" followed by 32 lowercase hex digits, got ${shown}`,
    })
  })

  it('names the field and the call for every SID', () => {
    expect(failure(() => capability({ accountSid: `WS${HEX}` as never, workspaceSid: WS }))).toStrictEqual({
      code: 'ERR_INVALID_SID',
      message: `capability(): accountSid must be "AC" followed by 32 lowercase hex digits, got "WS${HEX}"`,
    })
    expect(failure(() => capability({ accountSid: AC, workspaceSid: `AC${HEX}` as never }))).toStrictEqual({
      code: 'ERR_INVALID_SID',
      message: `capability(): workspaceSid must be "WS" followed by 32 lowercase hex digits, got "AC${HEX}"`,
    })
    expect(failure(() => base().forTaskQueue(WK as never))).toStrictEqual({
      code: 'ERR_INVALID_SID',
      message: `forTaskQueue(): taskQueueSid must be "WQ" followed by 32 lowercase hex digits, got "${WK}"`,
    })
  })

  it('shortens long values in messages', () => {
    expect(failure(() => base().forWorker('x'.repeat(100) as never)).message).toBe(
      `forWorker(): workerSid must be "WK" followed by 32 lowercase hex digits, got "${'x'.repeat(45)}..."`,
    )
  })

  it('refuses options that are not an object', () => {
    expect(failure(() => capability(undefined as never))).toStrictEqual({
      code: 'ERR_INVALID_ARGUMENT',
      message: 'capability(): options must be { accountSid, workspaceSid, authToken? }, got undefined',
    })
  })
})

describe('auth tokens', () => {
  it('refuses one shorter than 32 characters, without showing it', () => {
    const short = 'short-secret-value-1234'
    const result = failure(() => capability({ accountSid: AC, workspaceSid: WS, authToken: short }))
    expect(result).toStrictEqual({
      code: 'ERR_INVALID_AUTH_TOKEN',
      message: 'capability(): authToken must be at least 32 characters (HS256 needs a 256-bit key), got 23',
    })
    expect(result.message).not.toContain(short)
  })

  it('refuses one that is not a string', () => {
    expect(failure(() => capability({ accountSid: AC, workspaceSid: WS, authToken: 12 as never }))).toStrictEqual({
      code: 'ERR_INVALID_AUTH_TOKEN',
      message: 'capability(): authToken must be a string, got number',
    })
    expect(failure(() => worker().sign({ authToken: null as never }))).toStrictEqual({
      code: 'ERR_INVALID_AUTH_TOKEN',
      message: 'sign(): authToken must be a string, got null',
    })
  })

  it('refuses to sign with no token known', () => {
    expect(failure(() => capability({ accountSid: AC, workspaceSid: WS }).forWorker(WK).sign())).toStrictEqual({
      code: 'ERR_MISSING_AUTH_TOKEN',
      message: 'sign(): authToken is missing: pass it to capability({ authToken }) or to sign({ authToken })',
    })
  })
})

describe('ttl', () => {
  it.each([
    [0, 'number 0'],
    [-1, 'number -1'],
    [86_401, 'number 86401'],
    [1.5, 'number 1.5'],
    [Number.NaN, 'number NaN'],
    [Number.POSITIVE_INFINITY, 'number Infinity'],
    ['600', '"600"'],
  ])('ttl(%j) is refused', (seconds, shown) => {
    expect(failure(() => worker().ttl(seconds as never))).toStrictEqual({
      code: 'ERR_INVALID_TTL',
      message: `ttl(): seconds must be a whole number from 1 to 86400, got ${shown}`,
    })
  })

  it('accepts the bounds', () => {
    expect(worker().ttl(1).build().ttl).toBe(1)
    expect(worker().ttl(86_400).build().ttl).toBe(86_400)
  })
})

describe('policy URLs', () => {
  it.each([
    ['http://taskrouter.twilio.com/v1/Workspaces', 'must be an absolute https: URL'],
    ['taskrouter.twilio.com/v1/Workspaces', 'must be an absolute https: URL'],
    ['/v1/Workspaces', 'must be an absolute https: URL'],
    [`${WS_URL}?PageSize=1`, 'must have no query string or fragment'],
    [`${WS_URL}#top`, 'must have no query string or fragment'],
    [`${WS_URL}/`, 'must be https://host/path with non-empty segments of letters, digits and . _ ~ - only'],
    [`${WS_URL}//Workers`, 'must be https://host/path with non-empty segments of letters, digits and . _ ~ - only'],
    [`${WS_URL}/./Workers`, 'must have no "." or ".." segments'],
    [`${WS_URL}/../Workers`, 'must have no "." or ".." segments'],
    [`${WS_URL}/*/Workers`, 'may use a wildcard only as the whole last segment ("*" or "**")'],
    [`${WS_URL}/Work*`, 'may use a wildcard only as the whole last segment ("*" or "**")'],
    [`${WS_URL}/***`, 'may use a wildcard only as the whole last segment ("*" or "**")'],
    [`${WS_URL}/Wor kers`, 'must be https://host/path with non-empty segments of letters, digits and . _ ~ - only'],
    [`${WS_URL}/Caf\u00e9`, 'must be https://host/path with non-empty segments of letters, digits and . _ ~ - only'],
    [
      'https://user@taskrouter.twilio.com/v1',
      'must be https://host/path with non-empty segments of letters, digits and . _ ~ - only',
    ],
    [
      'https://taskrouter.twilio.com:443/v1',
      'must be https://host/path with non-empty segments of letters, digits and . _ ~ - only',
    ],
    [
      'https://taskrouter.twilio.com',
      'must be https://host/path with non-empty segments of letters, digits and . _ ~ - only',
    ],
  ])('allow(%j) is refused', (url, rule) => {
    expect(failure(() => worker().allow(url, 'GET'))).toStrictEqual({
      code: 'ERR_INVALID_URL',
      message: `allow(): url ${rule}, got ${JSON.stringify(url.length > 48 ? `${url.slice(0, 45)}...` : url)}`,
    })
  })

  it('names deny() when deny() got it', () => {
    expect(failure(() => worker().deny(42 as never, 'GET'))).toStrictEqual({
      code: 'ERR_INVALID_URL',
      message: 'deny(): url must be a string, got number 42',
    })
  })

  it('refuses a method other than GET, POST or DELETE', () => {
    expect(failure(() => worker().allow(WK_URL, 'get' as never))).toStrictEqual({
      code: 'ERR_INVALID_METHOD',
      message: 'allow(): method must be "GET", "POST" or "DELETE", got "get"',
    })
    expect(failure(() => worker().deny(WK_URL, 'PUT' as never))).toStrictEqual({
      code: 'ERR_INVALID_METHOD',
      message: 'deny(): method must be "GET", "POST" or "DELETE", got "PUT"',
    })
  })
})

describe('filters', () => {
  const attempt = (filters: unknown) => failure(() => worker().allow(WK_URL, 'POST', filters as never))

  it.each([
    [[], 'allow(): filters must be { queryFilter?, postFilter? }, got an array'],
    [{ bodyFilter: {} }, 'allow(): filters has an unknown key "bodyFilter"'],
    [{ postFilter: [] }, 'allow(): postFilter must be a plain object, got an array'],
    [{ postFilter: new Map() }, 'allow(): postFilter must be a plain object, got an object'],
    [{ queryFilter: 'A=1' }, 'allow(): queryFilter must be a plain object, got "A=1"'],
    [{ postFilter: { '': 'x' } }, 'allow(): postFilter has a forbidden parameter name ""'],
    [
      { postFilter: JSON.parse('{"__proto__": "x"}') },
      'allow(): postFilter has a forbidden parameter name "__proto__"',
    ],
    [{ postFilter: { constructor: 'x' } }, 'allow(): postFilter has a forbidden parameter name "constructor"'],
    [{ postFilter: { prototype: 'x' } }, 'allow(): postFilter has a forbidden parameter name "prototype"'],
    [{ postFilter: { A: 1 } }, 'allow(): postFilter["A"] must be a string or { required, value? }, got number 1'],
    [{ postFilter: { A: null } }, 'allow(): postFilter["A"] must be a string or { required, value? }, got null'],
    [{ postFilter: { A: ['x'] } }, 'allow(): postFilter["A"] must be a string or { required, value? }, got an array'],
    [{ postFilter: { A: {} } }, 'allow(): postFilter["A"].required must be a boolean, got undefined'],
    [{ postFilter: { A: { required: 'yes' } } }, 'allow(): postFilter["A"].required must be a boolean, got "yes"'],
    [
      { postFilter: { A: { required: true, value: 3 } } },
      'allow(): postFilter["A"].value must be a string, got number 3',
    ],
    [
      { postFilter: { A: { required: true, value: undefined } } },
      'allow(): postFilter["A"].value must be a string when present, got undefined',
    ],
    [
      { postFilter: { A: { required: true, other: 'x' } } },
      'allow(): postFilter["A"] has an unknown matcher key "other"',
    ],
  ])('%j is refused', (filters, message) => {
    expect(attempt(filters)).toStrictEqual({ code: 'ERR_INVALID_FILTER', message })
  })
})

describe('conflicts', () => {
  it('refuses a deny of what an identical rule allows, at the deny() call', () => {
    expect(failure(() => worker().allowFetchAttributes().deny(WK_URL, 'GET'))).toStrictEqual({
      code: 'ERR_POLICY_CONFLICT',
      message: `deny(): DENY GET ${WK_URL} conflicts with ALLOW GET ${WK_URL}: the same rule cannot both allow and deny`,
    })
  })

  it('refuses a permission that allows what a deny denies, at the permission call', () => {
    const filter = { postFilter: { ActivitySid: { required: true } } }
    expect(failure(() => worker().deny(WK_URL, 'POST', filter).allowActivityUpdates())).toStrictEqual({
      code: 'ERR_POLICY_CONFLICT',
      message: `allowActivityUpdates(): ALLOW POST ${WK_URL} post {"ActivitySid":{"required":true}} conflicts with DENY POST ${WK_URL} post {"ActivitySid":{"required":true}}: the same rule cannot both allow and deny`,
    })
  })

  it('allows a deny that differs in filters or method', () => {
    const record = worker().allowActivityUpdates().deny(WK_URL, 'POST').deny(WK_URL, 'DELETE').build()
    expect(record.policies.map((p) => `${p.allow} ${p.method}`).slice(3)).toStrictEqual([
      'true POST',
      'false POST',
      'false DELETE',
    ])
  })
})

describe('other arguments', () => {
  it.each([
    ['', '""'],
    ['a\u0000b', '"a\\u0000b"'],
    ['x'.repeat(257), `"${'x'.repeat(45)}..."`],
    ['a\u009fb', '"a\u009fb"'],
    ['lone \ud800 surrogate', '"lone \\ud800 surrogate"'],
    [7, 'number 7'],
  ])('friendlyName(%j) is refused', (name, shown) => {
    expect(failure(() => worker().friendlyName(name as never))).toStrictEqual({
      code: 'ERR_INVALID_ARGUMENT',
      message: `friendlyName(): name must be 1 to 256 characters without control characters, got ${shown}`,
    })
  })

  it('accepts any text as a friendly name, emoji included', () => {
    expect(worker().friendlyName('Zoë 🎧 support').build().friendlyName).toBe('Zoë 🎧 support')
  })

  it.each([
    [new Date(Number.NaN), 'a Date'],
    [Number.NaN, 'number NaN'],
    [-5, 'number -5'],
    [1_700_000_000, 'number 1700000000'],
    ['2026-01-01', '"2026-01-01"'],
  ])('times like %j are refused', (at, shown) => {
    expect(failure(() => worker().notBefore(at as never))).toStrictEqual({
      code: 'ERR_INVALID_TIME',
      message: `notBefore(): at must be a valid Date or milliseconds since the epoch (not seconds), got ${shown}`,
    })
    expect(failure(() => worker().sign({ now: at as never }))).toStrictEqual({
      code: 'ERR_INVALID_TIME',
      message: `sign(): now must be a valid Date or milliseconds since the epoch (not seconds), got ${shown}`,
    })
    expect(failure(() => toClaims(worker().build(), { now: at as never })).code).toBe('ERR_INVALID_TIME')
  })

  it('refuses to sign a token whose start is at or after its expiry', () => {
    expect(failure(() => worker().ttl(60).notBefore(1_700_000_060_000).sign({ now: NOW }))).toStrictEqual({
      code: 'ERR_INVALID_TIME',
      message: 'sign(): the start time (notBefore) is at or after the expiry (now + ttl)',
    })
    expect(worker().ttl(60).notBefore(1_700_000_059_000).sign({ now: NOW })).toMatch(/^eyJ/)
  })
})

describe('URL helpers', () => {
  it('build every resource URL and wildcard', () => {
    const WT = `WT${HEX}` as const
    expect([workersUrl(WS), workersUrl(WS, WK), workersUrl(WS, '*'), taskQueuesUrl(WS, '**')]).toStrictEqual([
      `${WS_URL}/Workers`,
      WK_URL,
      `${WS_URL}/Workers/*`,
      `${WS_URL}/TaskQueues/**`,
    ])
    expect(workerReservationsUrl(WS, WK, '**')).toBe(`${WK_URL}/Reservations/**`)
    expect(failure(() => workersUrl(WS, WQ as never))).toStrictEqual({
      code: 'ERR_INVALID_SID',
      message: `workersUrl(): workerSid must be "WK" followed by 32 lowercase hex digits, got "${WQ}"`,
    })
    expect(failure(() => workerReservationsUrl(WS, '*' as never))).toStrictEqual({
      code: 'ERR_INVALID_URL',
      message: 'workerReservationsUrl(): workerSid must be a SID here, a wildcard may only end a URL, got "*"',
    })
    expect(WT).toMatch(/^WT/)
  })
})

describe('the secret never shows', () => {
  it('not in inspect, JSON or String of the factory, the builder or the record', () => {
    const factory = base()
    const builder = factory.forWorker(WK).allowActivityUpdates()
    for (const value of [factory, builder, builder.build()]) {
      expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(AUTH_TOKEN)
      expect(JSON.stringify(value)).not.toContain(AUTH_TOKEN)
      expect(String(value)).not.toContain(AUTH_TOKEN)
      expect(`${value}`).not.toContain(AUTH_TOKEN)
      expect(Object.values(value)).not.toContain(AUTH_TOKEN)
    }
    expect(JSON.stringify(factory)).toBe(`{"accountSid":"${AC}","workspaceSid":"${WS}"}`)
    expect(JSON.parse(JSON.stringify(builder))).toStrictEqual(JSON.parse(JSON.stringify(builder.build())))
  })

  it('not in a bad-token error from sign({ authToken })', () => {
    const almost = AUTH_TOKEN.slice(0, 31)
    expect(failure(() => worker().sign({ authToken: almost })).message).not.toContain(almost)
  })
})
