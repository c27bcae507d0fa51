import { createRequire } from 'node:module'
import { inspect } from 'node:util'
import jsonwebtoken from 'jsonwebtoken'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { accessToken, decode, decodeAccessToken, verify, verifyAccessToken } from '../../src/index.js'
import { AC, API_KEY_SECRET, failure, NOW, part, WK, WS } from '../fixtures.js'

const require = createRequire(import.meta.url)
const SK = 'SK0123456789abcdef0123456789abcdef'
const key = { accountSid: AC, apiKeySid: SK, apiKeySecret: API_KEY_SECRET } as const
const LATER = new Date(NOW.getTime() + 60_000)

const alice = () =>
  accessToken(key).identity('alice').taskRouter({ workspaceSid: WS, workerSid: WK, role: 'worker' }).ttl(600)

describe('accessToken()', () => {
  it('signs the exact header and claims of SPEC under a fixed clock', () => {
    const token = alice().sign({ now: NOW })
    expect(part(token, 0)).toStrictEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
    expect(token.split('.')[0]).toBe(
      Buffer.from('{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}').toString('base64url'),
    )
    expect(part(token, 1)).toStrictEqual({
      jti: `${SK}-1700000000`,
      iss: SK,
      sub: AC,
      iat: 1_700_000_000,
      exp: 1_700_000_600,
      grants: { identity: 'alice', task_router: { workspace_sid: WS, worker_sid: WK, role: 'worker' } },
    })
    expect(
      jsonwebtoken.verify(token, API_KEY_SECRET, { algorithms: ['HS256'], clockTimestamp: 1_700_000_001 }),
    ).toStrictEqual(part(token, 1))
  })

  it('leaves unset grant fields out, and writes nbf when a start is set', () => {
    const token = accessToken(key).identity('bob').taskRouter({ workspaceSid: WS }).notBefore(NOW).sign({ now: NOW })
    expect(part(token, 1)).toStrictEqual({
      jti: `${SK}-1700000000`,
      iss: SK,
      sub: AC,
      iat: 1_700_000_000,
      exp: 1_700_003_600,
      nbf: 1_700_000_000,
      grants: { identity: 'bob', task_router: { workspace_sid: WS } },
    })
    expect((part(accessToken(key).identity('c').sign({ now: NOW }), 1) as { grants: object }).grants).toStrictEqual({
      identity: 'c',
    })
  })

  it('builds a frozen record, and never changes an earlier builder', () => {
    const base = accessToken(key).identity('alice')
    const withGrant = base.taskRouter({ workspaceSid: WS })
    expect(base.build()).toStrictEqual({ accountSid: AC, apiKeySid: SK, ttl: 3600, identity: 'alice' })
    expect(withGrant.ttl(60).build()).toStrictEqual({
      accountSid: AC,
      apiKeySid: SK,
      ttl: 60,
      identity: 'alice',
      taskRouter: { workspaceSid: WS },
    })
    expect(withGrant.build().ttl).toBe(3600)
    expect(Object.isFrozen(withGrant.build())).toBe(true)
    expect(Object.isFrozen(withGrant.build().taskRouter)).toBe(true)
  })

  it('never shows the secret', () => {
    const builder = alice()
    for (const value of [builder, builder.build()]) {
      expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(API_KEY_SECRET)
      expect(JSON.stringify(value)).not.toContain(API_KEY_SECRET)
      expect(String(value)).not.toContain(API_KEY_SECRET)
    }
  })
})

describe('the same token as twilio-node', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each([
    ['worker', { workspaceSid: WS, workerSid: WK, role: 'worker' }],
    ['workspace only', { workspaceSid: WS }],
    ['supervisor', { workspaceSid: WS, role: 'supervisor' }],
  ] as const)('header and claims equal AccessToken + TaskRouterGrant (%s)', (_name, grant) => {
    const AccessToken = require('twilio/lib/jwt/AccessToken.js')
    const twilio = new AccessToken(AC, SK, API_KEY_SECRET, { identity: 'alice', ttl: 600 })
    twilio.addGrant(new AccessToken.TaskRouterGrant(grant))
    const theirs = twilio.toJwt()
    const ours = accessToken(key).identity('alice').taskRouter(grant).ttl(600).sign()
    expect(part(ours, 0)).toStrictEqual(part(theirs, 0))
    expect(part(ours, 1)).toStrictEqual(part(theirs, 1))
    expect((part(ours, 1) as { jti: string }).jti).toBe(`${SK}-1700000000`)
    // Both sign the same bytes? Key order differs (twilio-node puts grants first), so
    // compare what each verifies to.
    expect(verifyAccessToken(theirs, API_KEY_SECRET)).toStrictEqual(verifyAccessToken(ours, API_KEY_SECRET))
  })
})

describe('the twilio-taskrouter v2 SDK reads our token', () => {
  it('new Workspace(token) exposes our account, workspace, worker and role', async () => {
    const { Workspace } = require('twilio-taskrouter')
    const workspace = new Workspace(alice().sign())
    expect({
      accountSid: workspace.accountSid,
      workspaceSid: workspace.workspaceSid,
      workerSid: workspace.workerSid,
      role: workspace.role,
    }).toStrictEqual({ accountSid: AC, workspaceSid: WS, workerSid: WK, role: 'worker' })
  })
})

describe('verifyAccessToken() and decodeAccessToken()', () => {
  it('give back the record build() gave, plus the times', () => {
    const token = alice().sign({ now: NOW })
    const expected = { ...alice().build(), issuedAt: NOW, expiresAt: new Date(NOW.getTime() + 600_000) }
    expect(verifyAccessToken(token, API_KEY_SECRET, { now: LATER, accountSid: AC, workspaceSid: WS })).toStrictEqual(
      expected,
    )
    expect(decodeAccessToken(token)).toStrictEqual(expected)
  })

  it('refuse the wrong secret, an expired token, another account or workspace', () => {
    const token = alice().sign({ now: NOW })
    expect(failure(() => verifyAccessToken(token, 'x'.repeat(32), { now: LATER })).code).toBe('ERR_TOKEN_SIGNATURE')
    expect(failure(() => verifyAccessToken(token, API_KEY_SECRET, { now: NOW.getTime() + 600_000 }))).toStrictEqual({
      code: 'ERR_TOKEN_EXPIRED',
      message: 'verifyAccessToken(): the token expired at 2023-11-14T22:23:20.000Z',
    })
    expect(
      failure(() =>
        verifyAccessToken(token, API_KEY_SECRET, { now: LATER, accountSid: 'AC99999999999999999999999999999999' }),
      ),
    ).toStrictEqual({
      code: 'ERR_TOKEN_ISSUER',
      message: `verifyAccessToken(): claim sub must be AC99999999999999999999999999999999, got "${AC}"`,
    })
    expect(
      failure(() =>
        verifyAccessToken(token, API_KEY_SECRET, { now: LATER, workspaceSid: 'WS99999999999999999999999999999999' }),
      ).code,
    ).toBe('ERR_TOKEN_ISSUER')
  })

  it('tell the two kinds of token apart', () => {
    expect(failure(() => decode(alice().sign({ now: NOW }))).message).toBe(
      'decode(): header cty "twilio-fpa;v=1" marks an access token: use verifyAccessToken() or decodeAccessToken()',
    )
    expect(failure(() => verify(alice().sign({ now: NOW }), API_KEY_SECRET, { now: LATER })).code).toBe(
      'ERR_TOKEN_MALFORMED',
    )
  })
})

describe('bad input', () => {
  it.each([
    [
      () => accessToken({ ...key, accountSid: SK as never }),
      'ERR_INVALID_SID',
      `accessToken(): accountSid must be "AC" followed by 32 lowercase hex digits, got "${SK}"`,
    ],
    [
      () => accessToken({ ...key, apiKeySid: AC as never }),
      'ERR_INVALID_SID',
      `accessToken(): apiKeySid must be "SK" followed by 32 lowercase hex digits, got "${AC}"`,
    ],
    [
      () => accessToken({ ...key, apiKeySecret: 'short-secret' }),
      'ERR_INVALID_AUTH_TOKEN',
      'accessToken(): apiKeySecret must be at least 32 characters (HS256 needs a 256-bit key), got 12',
    ],
    [
      () => accessToken(null as never),
      'ERR_INVALID_ARGUMENT',
      'accessToken(): options must be { accountSid, apiKeySid, apiKeySecret }, got null',
    ],
    [
      () => accessToken(key).identity(''),
      'ERR_INVALID_ARGUMENT',
      'identity(): name must be 1 to 256 characters without control characters, got ""',
    ],
    [
      () => accessToken(key).identity('a\nb'),
      'ERR_INVALID_ARGUMENT',
      'identity(): name must be 1 to 256 characters without control characters, got "a\\nb"',
    ],
    [
      () => accessToken(key).ttl(0),
      'ERR_INVALID_TTL',
      'ttl(): seconds must be a whole number from 1 to 86400, got number 0',
    ],
    [
      () => accessToken(key).ttl(86_401),
      'ERR_INVALID_TTL',
      'ttl(): seconds must be a whole number from 1 to 86400, got number 86401',
    ],
    [
      () => accessToken(key).taskRouter({ workspaceSid: WK as never }),
      'ERR_INVALID_SID',
      `taskRouter(): workspaceSid must be "WS" followed by 32 lowercase hex digits, got "${WK}"`,
    ],
    [
      () => accessToken(key).taskRouter({ workspaceSid: WS, workerSid: WS as never }),
      'ERR_INVALID_SID',
      `taskRouter(): workerSid must be "WK" followed by 32 lowercase hex digits, got "${WS}"`,
    ],
    [
      () => accessToken(key).taskRouter({ workspaceSid: WS, role: 'a b' }),
      'ERR_INVALID_ARGUMENT',
      'taskRouter(): role must be 1 to 64 letters, digits, _ or -, got "a b"',
    ],
    [
      () => (accessToken(key) as unknown as { sign(): string }).sign(),
      'ERR_INVALID_ARGUMENT',
      'sign(): identity is required: call .identity(name) first',
    ],
    [
      () => (accessToken(key) as unknown as { build(): unknown }).build(),
      'ERR_INVALID_ARGUMENT',
      'build(): identity is required: call .identity(name) first',
    ],
  ])('%#: refused with its code and message', (fn, code, message) => {
    expect(failure(fn)).toStrictEqual({ code, message })
  })
})
