import { describe, expect, it } from 'vitest'
import { capability, DEFAULT_TTL_SECONDS, toClaims } from '../../src/index.js'
import { AC, channelUrl, claim, NOW, rule, WK, WK_URL, WQ, WQ_URL, WS, WS_URL } from '../fixtures.js'

const start = () => capability({ accountSid: AC, workspaceSid: WS })

describe('forWorker()', () => {
  const worker = () => start().forWorker(WK)
  const defaults = [rule('GET', channelUrl(WK)), rule('POST', channelUrl(WK)), rule('GET', `${WS_URL}/Activities`)]

  it('builds the whole record with the defaults', () => {
    expect(worker().build()).toStrictEqual({
      target: 'worker',
      targetSid: WK,
      accountSid: AC,
      workspaceSid: WS,
      channel: WK,
      friendlyName: WK,
      version: 'v1',
      ttl: DEFAULT_TTL_SECONDS,
      policies: defaults,
    })
  })

  it.each([
    ['allowFetchAttributes', [rule('GET', WK_URL)]],
    ['allowActivityUpdates', [rule('POST', WK_URL, { postFilter: { ActivitySid: { required: true } } })]],
    ['allowReservationUpdates', [rule('POST', `${WS_URL}/Tasks/**`), rule('POST', `${WK_URL}/Reservations/**`)]],
    ['allowFetchReservations', [rule('GET', `${WS_URL}/Tasks/**`), rule('GET', `${WK_URL}/Reservations/**`)]],
    ['allowFetchSubresources', [rule('GET', `${WK_URL}/**`)]],
    ['allowUpdates', [rule('POST', WK_URL)]],
    ['allowUpdatesSubresources', [rule('POST', `${WK_URL}/**`)]],
    ['allowDelete', [rule('DELETE', WK_URL)]],
    ['allowDeleteSubresources', [rule('DELETE', `${WK_URL}/**`)]],
  ] as const)('%s() adds exactly its policies after the defaults', (method, added) => {
    expect(worker()[method]().build().policies).toStrictEqual([...defaults, ...added])
  })

  it('adds policies in call order', () => {
    const policies = worker().allowDelete().allowFetchAttributes().allowUpdates().build().policies
    expect(policies).toStrictEqual([...defaults, rule('DELETE', WK_URL), rule('GET', WK_URL), rule('POST', WK_URL)])
  })

  it('writes worker_sid and no taskqueue_sid', () => {
    expect(toClaims(worker().build(), { now: NOW })).toStrictEqual({
      iss: AC,
      iat: 1_700_000_000,
      exp: 1_700_003_600,
      version: 'v1',
      friendly_name: WK,
      account_sid: AC,
      workspace_sid: WS,
      channel: WK,
      worker_sid: WK,
      policies: [claim('GET', channelUrl(WK)), claim('POST', channelUrl(WK)), claim('GET', `${WS_URL}/Activities`)],
    })
  })
})

describe('forTaskQueue()', () => {
  const queue = () => start().forTaskQueue(WQ)
  const defaults = [rule('GET', channelUrl(WQ)), rule('POST', channelUrl(WQ)), rule('GET', WQ_URL)]

  it('builds the whole record with the defaults', () => {
    expect(queue().build()).toStrictEqual({
      target: 'taskqueue',
      targetSid: WQ,
      accountSid: AC,
      workspaceSid: WS,
      channel: WQ,
      friendlyName: WQ,
      version: 'v1',
      ttl: 3600,
      policies: defaults,
    })
  })

  it.each([
    ['allowFetchSubresources', [rule('GET', `${WQ_URL}/**`)]],
    ['allowUpdates', [rule('POST', WQ_URL)]],
    ['allowUpdatesSubresources', [rule('POST', `${WQ_URL}/**`)]],
    ['allowDelete', [rule('DELETE', WQ_URL)]],
    ['allowDeleteSubresources', [rule('DELETE', `${WQ_URL}/**`)]],
  ] as const)('%s() adds exactly its policies after the defaults', (method, added) => {
    expect(queue()[method]().build().policies).toStrictEqual([...defaults, ...added])
  })

  it('has no worker-only permissions at run time either', () => {
    const builder = queue() as unknown as Record<string, unknown>
    for (const name of [
      'allowFetchAttributes',
      'allowActivityUpdates',
      'allowReservationUpdates',
      'allowFetchReservations',
    ]) {
      expect(builder[name]).toBeUndefined()
    }
  })

  it('writes taskqueue_sid and no worker_sid', () => {
    expect(toClaims(queue().ttl(60).build(), { now: NOW })).toStrictEqual({
      iss: AC,
      iat: 1_700_000_000,
      exp: 1_700_000_060,
      version: 'v1',
      friendly_name: WQ,
      account_sid: AC,
      workspace_sid: WS,
      channel: WQ,
      taskqueue_sid: WQ,
      policies: [claim('GET', channelUrl(WQ)), claim('POST', channelUrl(WQ)), claim('GET', WQ_URL)],
    })
  })
})

describe('forWorkspace()', () => {
  const workspace = () => start().forWorkspace()
  const defaults = [rule('GET', channelUrl(WS)), rule('POST', channelUrl(WS)), rule('GET', WS_URL)]

  it('builds the whole record with the defaults', () => {
    expect(workspace().build()).toStrictEqual({
      target: 'workspace',
      targetSid: WS,
      accountSid: AC,
      workspaceSid: WS,
      channel: WS,
      friendlyName: WS,
      version: 'v1',
      ttl: 3600,
      policies: defaults,
    })
  })

  it.each([
    ['allowFetchSubresources', [rule('GET', `${WS_URL}/**`)]],
    ['allowUpdates', [rule('POST', WS_URL)]],
    ['allowUpdatesSubresources', [rule('POST', `${WS_URL}/**`)]],
    ['allowDelete', [rule('DELETE', WS_URL)]],
    ['allowDeleteSubresources', [rule('DELETE', `${WS_URL}/**`)]],
  ] as const)('%s() adds exactly its policies after the defaults', (method, added) => {
    expect(workspace()[method]().build().policies).toStrictEqual([...defaults, ...added])
  })

  it('writes neither worker_sid nor taskqueue_sid', () => {
    expect(toClaims(workspace().build(), { now: NOW })).toStrictEqual({
      iss: AC,
      iat: 1_700_000_000,
      exp: 1_700_003_600,
      version: 'v1',
      friendly_name: WS,
      account_sid: AC,
      workspace_sid: WS,
      channel: WS,
      policies: [claim('GET', channelUrl(WS)), claim('POST', channelUrl(WS)), claim('GET', WS_URL)],
    })
  })
})

describe('allow() and deny()', () => {
  const url = `${WS_URL}/TaskQueues/*`

  it('add one rule each, with filters copied and frozen', () => {
    const queryFilter = { FriendlyName: 'Support', Attributes: { required: false, value: 'x' } }
    const record = start()
      .forWorkspace()
      .allow(url, 'GET', { queryFilter })
      .deny(`${WS_URL}/Workers/*`, 'DELETE')
      .build()
    expect(record.policies.slice(3)).toStrictEqual([
      rule('GET', url, { queryFilter }),
      rule('DELETE', `${WS_URL}/Workers/*`, { allow: false }),
    ])
    expect(record.policies[3]?.queryFilter).not.toBe(queryFilter)
    expect(Object.isFrozen(record.policies[3]?.queryFilter)).toBe(true)
    expect(Object.isFrozen(record.policies[3]?.queryFilter['Attributes'])).toBe(true)
  })

  it('write allow: false into the claims for deny', () => {
    const claims = toClaims(start().forWorkspace().deny(url, 'POST').build(), { now: NOW })
    expect(claims.policies.at(-1)).toStrictEqual(claim('POST', url, { allow: false }))
  })

  it('add nothing when the same rule is already there, whatever the key order of its filters', () => {
    const a = { postFilter: { A: 'x', B: { required: true } } }
    const b = { postFilter: { B: { required: true }, A: 'x' } }
    const once = start().forWorkspace().allow(url, 'POST', a)
    expect(once.allow(url, 'POST', b).build().policies).toBe(once.build().policies)
  })

  it('keep rules apart that differ only in filters', () => {
    const record = start()
      .forWorkspace()
      .allow(url, 'POST')
      .allow(url, 'POST', { postFilter: { A: 'x' } })
      .build()
    expect(record.policies.slice(3)).toStrictEqual([rule('POST', url), rule('POST', url, { postFilter: { A: 'x' } })])
  })

  it('repeat nothing when a permission is asked twice, or an allow repeats a default', () => {
    const once = start().forWorker(WK).allowReservationUpdates()
    expect(once.allowReservationUpdates().allow(`${WS_URL}/Activities`, 'GET').build().policies).toStrictEqual(
      once.build().policies,
    )
  })
})

describe('ttl(), friendlyName() and notBefore()', () => {
  it('set their fields and claims', () => {
    const record = start()
      .forWorker(WK)
      .ttl(86_400)
      .friendlyName('Alice at the front desk')
      .notBefore(new Date(1_700_000_100_900))
      .build()
    expect(record).toMatchObject({ ttl: 86_400, friendlyName: 'Alice at the front desk', notBefore: 1_700_000_100 })
    const { iat, exp, nbf, friendly_name } = toClaims(record, { now: NOW })
    expect({ iat, exp, nbf, friendly_name }).toStrictEqual({
      iat: 1_700_000_000,
      exp: 1_700_086_400,
      nbf: 1_700_000_100,
      friendly_name: 'Alice at the front desk',
    })
  })

  it('put nbf right after exp, as the wire format lists it', () => {
    const claims = toClaims(start().forWorkspace().notBefore(NOW).build(), { now: NOW })
    expect(Object.keys(claims)).toStrictEqual([
      'iss',
      'iat',
      'exp',
      'nbf',
      'version',
      'friendly_name',
      'account_sid',
      'workspace_sid',
      'channel',
      'policies',
    ])
  })

  it('accept epoch milliseconds as well as Dates for now', () => {
    const record = start().forWorkspace().build()
    expect(toClaims(record, { now: 1_700_000_000_999 })).toStrictEqual(toClaims(record, { now: NOW }))
  })
})
