import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decide, verify } from '../../src/index.js'
import { AC, AUTH_TOKEN, NOW, WK, WK_URL, WS } from '../../test/fixtures.js'
// @ts-expect-error the example is plain JavaScript, run as it is
import { createTokenServer } from './server.js'

const OTHER_WK = 'WK99999999999999999999999999999999'

describe('examples/token-server', () => {
  const server = createTokenServer({
    accountSid: AC,
    workspaceSid: WS,
    authToken: AUTH_TOKEN,
    isKnownWorker: (sid: string) => sid === WK,
    ttl: 600,
    now: () => NOW,
  })
  let base = ''

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`)
    const text = await response.text()
    expect(text).not.toContain(AUTH_TOKEN)
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      cache: response.headers.get('cache-control'),
      text,
    }
  }

  it('serves a fresh worker token and its expiry, which verifies', async () => {
    const { status, type, cache, text } = await get(`/token/worker/${WK}`)
    expect({ status, type, cache }).toStrictEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      cache: 'no-store',
    })
    const body = JSON.parse(text)
    expect(Object.keys(body)).toStrictEqual(['token', 'expiresAt', 'ttl'])
    expect(body.expiresAt).toBe('2023-11-14T22:23:20.000Z')
    const record = verify(body.token, AUTH_TOKEN, { now: NOW, accountSid: AC, workspaceSid: WS })
    expect({ target: record.target, targetSid: record.targetSid, ttl: record.ttl }).toStrictEqual({
      target: 'worker',
      targetSid: WK,
      ttl: 600,
    })
    expect(decide(record, { method: 'POST', url: WK_URL, form: { ActivitySid: 'WA1' } }).allowed).toBe(true)
  })

  it.each([
    [
      'WK123',
      'forWorker(): workerSid must be "WK" followed by 32 lowercase hex digits, got "WK123"',
      'ERR_INVALID_SID',
    ],
    [
      `WQ${WK.slice(2)}`,
      `forWorker(): workerSid must be "WK" followed by 32 lowercase hex digits, got "WQ${WK.slice(2)}"`,
      'ERR_INVALID_SID',
    ],
    [
      '..%2F..%2Fetc',
      'forWorker(): workerSid must be "WK" followed by 32 lowercase hex digits, got "../../etc"',
      'ERR_INVALID_SID',
    ],
    [OTHER_WK, 'unknown worker', 'ERR_UNKNOWN_WORKER'],
  ])('refuses %s with 400', async (sid, error, code) => {
    const { status, text } = await get(`/token/worker/${sid}`)
    expect({ status, body: JSON.parse(text) }).toStrictEqual({ status: 400, body: { error, code } })
  })

  it('serves the page and 404s elsewhere', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.text).toContain("worker.on('token.expired', async () => worker.updateToken(await fetchToken()))")
    expect((await get('/token/queue/x')).status).toBe(404)
  })
})
