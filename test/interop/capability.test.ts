import { createRequire } from 'node:module'
import fc from 'fast-check'
import * as jose from 'jose'
import jsonwebtoken from 'jsonwebtoken'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type CapabilityRecord, capability } from '../../src/index.js'
import { COMMON_PERMISSIONS, sid, WORKER_PERMISSIONS } from '../arbitraries.js'
import { AC, AUTH_TOKEN, NOW, seedBuilder, WS } from '../fixtures.js'

const require = createRequire(import.meta.url)

interface TwilioPolicyOptions {
  url: string
  method: string
  queryFilter?: object
  postFilter?: object
  allow?: boolean
}
interface TwilioCapability {
  addPolicy(policy: unknown): void
  toJwt(): string
}
const TaskRouterCapability: new (options: object) => TwilioCapability =
  require('twilio/lib/jwt/taskrouter/TaskRouterCapability.js').default
const TwilioPolicy: new (options: TwilioPolicyOptions) => { payload(): { allow: boolean } } =
  require('twilio/lib/jwt/taskrouter/TaskRouterCapability.js').Policy

/** What twilio-node signs for the same rules as `record`, decoded. */
function twilioClaims(record: CapabilityRecord): unknown {
  const twilio = new TaskRouterCapability({
    accountSid: record.accountSid,
    authToken: AUTH_TOKEN,
    workspaceSid: record.workspaceSid,
    channelId: record.channel,
    friendlyName: record.friendlyName,
    ttl: record.ttl,
  })
  for (const p of record.policies) {
    twilio.addPolicy(
      new TwilioPolicy({
        url: p.url,
        method: p.method,
        queryFilter: p.queryFilter,
        postFilter: p.postFilter,
        allow: p.allow,
      }),
    )
  }
  return jsonwebtoken.verify(twilio.toJwt(), AUTH_TOKEN, { algorithms: ['HS256'] })
}

describe('interoperability', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const seed = seedBuilder

  it('our tokens verify with jsonwebtoken, to the same claims', () => {
    const token = seed().sign()
    const claims = jsonwebtoken.verify(token, AUTH_TOKEN, { algorithms: ['HS256'] })
    expect(claims).toStrictEqual(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()))
    expect(jsonwebtoken.decode(token, { complete: true })?.header).toStrictEqual({ alg: 'HS256', typ: 'JWT' })
  })

  it('our tokens verify with jose, to the same claims', async () => {
    const token = seed().sign()
    const { payload, protectedHeader } = await jose.jwtVerify(token, new TextEncoder().encode(AUTH_TOKEN), {
      algorithms: ['HS256'],
      currentDate: NOW,
    })
    expect(protectedHeader).toStrictEqual({ alg: 'HS256', typ: 'JWT' })
    expect(payload).toStrictEqual(jsonwebtoken.verify(token, AUTH_TOKEN))
  })

  it('the seed token equals, claim for claim, what twilio-node signs for the same rules', () => {
    const record = seed().build()
    expect(jsonwebtoken.verify(seed().sign(), AUTH_TOKEN)).toStrictEqual(twilioClaims(record))
  })

  it('where twilio-node cannot deny (docs/compared-with-twilio.md), ours writes allow: false', () => {
    const url = `https://taskrouter.twilio.com/v1/Workspaces/${WS}/Workers/*`
    expect(new TwilioPolicy({ url, method: 'DELETE', allow: false }).payload().allow).toBe(true)
    const ours = capability({ accountSid: AC, workspaceSid: WS }).forWorkspace().deny(url, 'DELETE').build()
    expect(ours.policies.at(-1)).toStrictEqual({ url, method: 'DELETE', queryFilter: {}, postFilter: {}, allow: false })
  })

  it('for random targets and permission sets, our claims equal twilio-node’s', () => {
    const target = fc.oneof(
      fc.tuple(sid('WK'), fc.subarray([...WORKER_PERMISSIONS])).map(([s, perms]) => {
        let b = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN }).forWorker(s)
        for (const p of perms) b = b[p]()
        return b
      }),
      fc.tuple(sid('WQ'), fc.subarray([...COMMON_PERMISSIONS])).map(([s, perms]) => {
        let b = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN }).forTaskQueue(s)
        for (const p of perms) b = b[p]()
        return b
      }),
      fc.subarray([...COMMON_PERMISSIONS]).map((perms) => {
        let b = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN }).forWorkspace()
        for (const p of perms) b = b[p]()
        return b
      }),
    )
    fc.assert(
      fc.property(target, fc.integer({ min: 1, max: 86_400 }), (builder, ttl) => {
        const b = builder.ttl(ttl)
        expect(jsonwebtoken.verify(b.sign(), AUTH_TOKEN, { algorithms: ['HS256'] })).toStrictEqual(
          twilioClaims(b.build()),
        )
      }),
      { numRuns: 100 },
    )
  })
})
