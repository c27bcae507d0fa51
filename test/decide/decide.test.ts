import { describe, expect, it } from 'vitest'
import { capability, decide, type Policy, workerReservationsUrl, workersUrl } from '../../src/index.js'
import { AC, rule, WK, WK_URL, WS, WS_URL } from '../fixtures.js'

const policies = (...rules: ReturnType<typeof rule>[]) => rules.map((r) => Object.freeze(r)) as unknown as Policy[]
const WORKERS = `${WS_URL}/Workers`
const WR = 'WR0123456789abcdef0123456789abcdef'

describe('decide(): URL patterns', () => {
  const list = policies(rule('GET', `${WORKERS}/*`), rule('GET', `${WS_URL}/Tasks/**`), rule('GET', WS_URL))

  it.each([
    [`${WORKERS}/${WK}`, true, `GET ${WORKERS}/${WK} is allowed by ALLOW GET ${WORKERS}/*`],
    [WORKERS, false, `GET ${WORKERS} is denied: no rule matches`],
    [`${WORKERS}/${WK}/Reservations`, false, `GET ${WORKERS}/${WK}/Reservations is denied: no rule matches`],
    [`${WORKERS}/`, false, `GET ${WORKERS}/ is denied: no rule matches`],
    [`${WS_URL}/Tasks/WT1`, true, `GET ${WS_URL}/Tasks/WT1 is allowed by ALLOW GET ${WS_URL}/Tasks/**`],
    [
      `${WS_URL}/Tasks/WT1/Reservations/WR1`,
      true,
      `GET ${WS_URL}/Tasks/WT1/Reservations/WR1 is allowed by ALLOW GET ${WS_URL}/Tasks/**`,
    ],
    [`${WS_URL}/Tasks`, false, `GET ${WS_URL}/Tasks is denied: no rule matches`],
    [`${WS_URL}/Tasks//x`, false, `GET ${WS_URL}/Tasks//x is denied: no rule matches`],
    [`${WS_URL}/TasksX/1`, false, `GET ${WS_URL}/TasksX/1 is denied: no rule matches`],
    [WS_URL, true, `GET ${WS_URL} is allowed by ALLOW GET ${WS_URL}`],
    [`${WS_URL}X`, false, `GET ${WS_URL}X is denied: no rule matches`],
  ])('GET %s → allowed: %s', (url, allowed, reason) => {
    const decision = decide(list, { method: 'GET', url })
    expect({ allowed: decision.allowed, reason: decision.reason }).toStrictEqual({ allowed, reason })
  })

  it('returns the deciding rule itself', () => {
    expect(decide(list, { method: 'GET', url: WS_URL }).rule).toBe(list[2])
    expect(decide(list, { method: 'GET', url: WORKERS }).rule).toBeUndefined()
  })
})

describe('decide(): the most specific rule wins', () => {
  it('a longer path beats a shorter one, either way round', () => {
    const denyDeep = policies(rule('GET', `${WS_URL}/**`), rule('GET', `${WORKERS}/**`, { allow: false }))
    expect(decide(denyDeep, { method: 'GET', url: `${WORKERS}/${WK}` })).toStrictEqual({
      allowed: false,
      rule: denyDeep[1],
      reason: `GET ${WORKERS}/${WK} is explicitly denied by DENY GET ${WORKERS}/**`,
    })
    expect(decide(denyDeep, { method: 'GET', url: `${WS_URL}/Tasks/1` }).allowed).toBe(true)
    const allowDeep = policies(rule('GET', `${WS_URL}/**`, { allow: false }), rule('GET', `${WORKERS}/*`))
    expect(decide(allowDeep, { method: 'GET', url: `${WORKERS}/${WK}` }).allowed).toBe(true)
    expect(decide(allowDeep, { method: 'GET', url: `${WORKERS}/${WK}/Statistics` }).allowed).toBe(false)
  })

  it('a literal beats /* beats /** on the same base', () => {
    const list = policies(
      rule('GET', `${WORKERS}/**`),
      rule('GET', `${WORKERS}/*`, { allow: false }),
      rule('GET', `${WORKERS}/${WK}`),
    )
    expect(decide(list, { method: 'GET', url: `${WORKERS}/${WK}` }).rule).toBe(list[2])
    expect(decide(list, { method: 'GET', url: `${WORKERS}/WK2` }).rule).toBe(list[1])
    expect(decide(list, { method: 'GET', url: `${WORKERS}/WK2/Channels` }).rule).toBe(list[0])
  })

  it('on equal paths, a rule with filters beats one without', () => {
    const list = policies(
      rule('POST', WK_URL, { allow: false }),
      rule('POST', WK_URL, { postFilter: { ActivitySid: { required: true } } }),
    )
    expect(decide(list, { method: 'POST', url: WK_URL, form: { ActivitySid: 'WA1' } })).toStrictEqual({
      allowed: true,
      rule: list[1],
      reason: `POST ${WK_URL} is allowed by ALLOW POST ${WK_URL} post {"ActivitySid":{"required":true}}`,
    })
    expect(decide(list, { method: 'POST', url: WK_URL, form: { Attributes: '{}' } }).rule).toBe(list[0])
  })

  it('on a full tie, a deny beats an allow', () => {
    const list = policies(
      rule('POST', WK_URL, { postFilter: { ActivitySid: { required: true } } }),
      rule('POST', WK_URL, { allow: false, postFilter: { ActivitySid: 'WAoffline' } }),
    )
    expect(decide(list, { method: 'POST', url: WK_URL, form: { ActivitySid: 'WAoffline' } }).allowed).toBe(false)
    expect(decide(list, { method: 'POST', url: WK_URL, form: { ActivitySid: 'WAavailable' } }).allowed).toBe(true)
  })
})

describe('decide(): filters', () => {
  const literal = policies(rule('GET', WORKERS, { queryFilter: { FriendlyName: 'Alice' } }))

  it('a literal string wants that parameter with that value, and no other parameters', () => {
    expect(decide(literal, { method: 'GET', url: WORKERS, query: { FriendlyName: 'Alice' } }).allowed).toBe(true)
    expect(decide(literal, { method: 'GET', url: `${WORKERS}?FriendlyName=Alice` }).allowed).toBe(true)
    expect(decide(literal, { method: 'GET', url: WORKERS, query: { FriendlyName: 'Bob' } }).reason).toBe(
      `GET ${WORKERS} is denied: no rule matches (ALLOW GET ${WORKERS} query {"FriendlyName":"Alice"} does not match: query filter wants FriendlyName="Alice", got "Bob")`,
    )
    expect(decide(literal, { method: 'GET', url: WORKERS }).reason).toBe(
      `GET ${WORKERS} is denied: no rule matches (ALLOW GET ${WORKERS} query {"FriendlyName":"Alice"} does not match: query filter wants FriendlyName="Alice", got none)`,
    )
    expect(
      decide(literal, { method: 'GET', url: WORKERS, query: { FriendlyName: 'Alice', PageSize: '50' } }).reason,
    ).toBe(
      `GET ${WORKERS} is denied: no rule matches (ALLOW GET ${WORKERS} query {"FriendlyName":"Alice"} does not match: parameter PageSize is not named by the query filter)`,
    )
  })

  it('a matcher with required: true wants the parameter, any value', () => {
    const list = policies(rule('POST', WK_URL, { postFilter: { ActivitySid: { required: true } } }))
    expect(decide(list, { method: 'POST', url: WK_URL, form: { ActivitySid: 'WA1' } }).allowed).toBe(true)
    expect(decide(list, { method: 'POST', url: WK_URL, form: {} }).reason).toBe(
      `POST ${WK_URL} is denied: no rule matches (ALLOW POST ${WK_URL} post {"ActivitySid":{"required":true}} does not match: post filter requires ActivitySid)`,
    )
  })

  it('a matcher with required: false lets the parameter be absent, and a value pins it when present', () => {
    const list = policies(rule('GET', WORKERS, { queryFilter: { Available: { required: false, value: '1' } } }))
    expect(decide(list, { method: 'GET', url: WORKERS }).allowed).toBe(true)
    expect(decide(list, { method: 'GET', url: WORKERS, query: { Available: '1' } }).allowed).toBe(true)
    expect(decide(list, { method: 'GET', url: WORKERS, query: { Available: '0' } }).allowed).toBe(false)
    const required = policies(rule('GET', WORKERS, { queryFilter: { Available: { required: true, value: '1' } } }))
    expect(decide(required, { method: 'GET', url: WORKERS }).allowed).toBe(false)
    expect(decide(required, { method: 'GET', url: WORKERS, query: { Available: '1' } }).allowed).toBe(true)
  })

  it('query filters read the query and post filters the form', () => {
    const list = policies(rule('POST', WK_URL, { postFilter: { ActivitySid: { required: true } } }))
    expect(decide(list, { method: 'POST', url: WK_URL, query: { ActivitySid: 'WA1' } }).allowed).toBe(false)
  })

  it('an empty filter admits any parameters', () => {
    const list = policies(rule('GET', WORKERS))
    expect(decide(list, { method: 'GET', url: WORKERS, query: { PageSize: '5', Available: '1' } }).allowed).toBe(true)
  })
})

describe('decide(): methods, deny and no rule', () => {
  it('a rule for another method does not match, and the reason says which methods exist', () => {
    const list = policies(rule('GET', WK_URL), rule('DELETE', WK_URL, { allow: false }))
    expect(decide(list, { method: 'POST', url: WK_URL })).toStrictEqual({
      allowed: false,
      rule: undefined,
      reason: `POST ${WK_URL} is denied: no rule matches (the rules for this URL are for GET, DELETE only)`,
    })
  })

  it('an explicit deny denies and is named', () => {
    const list = policies(rule('DELETE', WK_URL, { allow: false }))
    expect(decide(list, { method: 'DELETE', url: WK_URL })).toStrictEqual({
      allowed: false,
      rule: list[0],
      reason: `DELETE ${WK_URL} is explicitly denied by DENY DELETE ${WK_URL}`,
    })
  })

  it('no rules at all: denied', () => {
    expect(decide([], { method: 'GET', url: WK_URL })).toStrictEqual({
      allowed: false,
      rule: undefined,
      reason: `GET ${WK_URL} is denied: no rule matches`,
    })
  })

  it('refuses a request of the wrong shape', () => {
    expect(() => decide([], { method: 'GET', url: 42 } as never)).toThrow(
      'decide(): request.url must be a string, got number 42',
    )
    expect(() => decide([], { method: 'GET', url: WK_URL, form: { A: 1 } } as never)).toThrow(
      'decide(): request.form.A must be a string, got number 1',
    )
  })
})

describe('decide() on a built worker record: the questions a test asks', () => {
  const record = capability({ accountSid: AC, workspaceSid: WS })
    .forWorker(WK)
    .allowFetchAttributes()
    .allowActivityUpdates()
    .allowReservationUpdates()
    .build()

  it.each([
    ['accept a reservation', 'POST', workerReservationsUrl(WS, WK, WR), {}, { ReservationStatus: 'accepted' }, true],
    [
      'update a task',
      'POST',
      `${WS_URL}/Tasks/WT0123456789abcdef0123456789abcdef`,
      {},
      { AssignmentStatus: 'completed' },
      true,
    ],
    ['change its activity', 'POST', WK_URL, {}, { ActivitySid: 'WA0123456789abcdef0123456789abcdef' }, true],
    ['rewrite its attributes', 'POST', WK_URL, {}, { Attributes: '{"skills":["all"]}' }, false],
    ['fetch itself', 'GET', WK_URL, {}, {}, true],
    ['list activities', 'GET', `${WS_URL}/Activities`, {}, {}, true],
    ['fetch another worker', 'GET', workersUrl(WS, 'WK99999999999999999999999999999999'), {}, {}, false],
    ['delete itself', 'DELETE', WK_URL, {}, {}, false],
    ['listen on its channel', 'GET', `https://event-bridge.twilio.com/v1/wschannels/${AC}/${WK}`, {}, {}, true],
  ])('can %s: %s %s', (_what, method, url, query, form, allowed) => {
    expect(decide(record, { method, url, query, form }).allowed).toBe(allowed)
  })
})
