import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toClaims } from '../../src/index.js'
import {
  AC,
  AUTH_TOKEN,
  channelUrl,
  claim,
  NOW,
  part,
  SEED_TOKEN,
  seedBuilder,
  WK,
  WK_URL,
  WS,
  WS_URL,
} from '../fixtures.js'

// The seed document's Ruby example, corrected (it set worker_sid twice and never set
// workspace_sid): a worker token with attribute fetch, activity updates and reservation
// updates, for ten minutes.
const seed = seedBuilder

const SEED_CLAIMS = {
  iss: AC,
  iat: 1_700_000_000,
  exp: 1_700_000_600,
  version: 'v1',
  friendly_name: WK,
  account_sid: AC,
  workspace_sid: WS,
  channel: WK,
  worker_sid: WK,
  policies: [
    claim('GET', channelUrl(WK)),
    claim('POST', channelUrl(WK)),
    claim('GET', `${WS_URL}/Activities`),
    claim('GET', WK_URL),
    claim('POST', WK_URL, { post_filter: { ActivitySid: { required: true } } }),
    claim('POST', `${WS_URL}/Tasks/**`),
    claim('POST', `${WK_URL}/Reservations/**`),
  ],
}

describe('the seed scenario', () => {
  it('gives the exact claims object under a fixed clock', () => {
    expect(toClaims(seed().build(), { now: NOW })).toStrictEqual(SEED_CLAIMS)
  })

  it('signs the exact token under a fixed clock', () => {
    const token = seed().sign({ now: NOW })
    expect(token).toBe(SEED_TOKEN)
  })

  it('signs a token whose parts are exactly the header, the claims and an HMAC-SHA256 of both', () => {
    const token = seed().sign({ now: NOW })
    const [header, payload, signature] = token.split('.')
    expect(header).toBe(Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'))
    expect(payload).toBe(Buffer.from(JSON.stringify(SEED_CLAIMS)).toString('base64url'))
    expect(signature).toBe(createHmac('sha256', AUTH_TOKEN).update(`${header}.${payload}`).digest('base64url'))
    expect(part(token, 1)).toStrictEqual(SEED_CLAIMS)
  })

  it('takes the clock when no time is given', () => {
    const before = Math.floor(Date.now() / 1000)
    const claims = part(seed().sign(), 1) as { iat: number; exp: number }
    const after = Math.floor(Date.now() / 1000)
    expect(claims.iat).toBeGreaterThanOrEqual(before)
    expect(claims.iat).toBeLessThanOrEqual(after)
    expect(claims.exp - claims.iat).toBe(600)
  })
})
