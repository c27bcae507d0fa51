import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { capability, toClaims } from '../../src/index.js'
import { AC, AUTH_TOKEN, channelUrl, claim, NOW, part, WK, WK_URL, WS, WS_URL } from '../fixtures.js'

// The seed document's Ruby example, corrected (it set worker_sid twice and never set
// workspace_sid): a worker token with attribute fetch, activity updates and reservation
// updates, for ten minutes.
const seed = () =>
  capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
    .forWorker(WK)
    .allowFetchAttributes()
    .allowActivityUpdates()
    .allowReservationUpdates()
    .ttl(600)

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

const SEED_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDA2MDAsInZlcnNpb24iOiJ2MSIsImZyaWVuZGx5X25hbWUiOiJXSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwiYWNjb3VudF9zaWQiOiJBQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwid29ya3NwYWNlX3NpZCI6IldTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJjaGFubmVsIjoiV0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsIndvcmtlcl9zaWQiOiJXSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwicG9saWNpZXMiOlt7InVybCI6Imh0dHBzOi8vZXZlbnQtYnJpZGdlLnR3aWxpby5jb20vdjEvd3NjaGFubmVscy9BQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dLMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJtZXRob2QiOiJHRVQiLCJxdWVyeV9maWx0ZXIiOnt9LCJwb3N0X2ZpbHRlciI6e30sImFsbG93Ijp0cnVlfSx7InVybCI6Imh0dHBzOi8vZXZlbnQtYnJpZGdlLnR3aWxpby5jb20vdjEvd3NjaGFubmVscy9BQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dLMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJtZXRob2QiOiJQT1NUIiwicXVlcnlfZmlsdGVyIjp7fSwicG9zdF9maWx0ZXIiOnt9LCJhbGxvdyI6dHJ1ZX0seyJ1cmwiOiJodHRwczovL3Rhc2tyb3V0ZXIudHdpbGlvLmNvbS92MS9Xb3Jrc3BhY2VzL1dTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYvQWN0aXZpdGllcyIsIm1ldGhvZCI6IkdFVCIsInF1ZXJ5X2ZpbHRlciI6e30sInBvc3RfZmlsdGVyIjp7fSwiYWxsb3ciOnRydWV9LHsidXJsIjoiaHR0cHM6Ly90YXNrcm91dGVyLnR3aWxpby5jb20vdjEvV29ya3NwYWNlcy9XUzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dvcmtlcnMvV0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsIm1ldGhvZCI6IkdFVCIsInF1ZXJ5X2ZpbHRlciI6e30sInBvc3RfZmlsdGVyIjp7fSwiYWxsb3ciOnRydWV9LHsidXJsIjoiaHR0cHM6Ly90YXNrcm91dGVyLnR3aWxpby5jb20vdjEvV29ya3NwYWNlcy9XUzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dvcmtlcnMvV0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsIm1ldGhvZCI6IlBPU1QiLCJxdWVyeV9maWx0ZXIiOnt9LCJwb3N0X2ZpbHRlciI6eyJBY3Rpdml0eVNpZCI6eyJyZXF1aXJlZCI6dHJ1ZX19LCJhbGxvdyI6dHJ1ZX0seyJ1cmwiOiJodHRwczovL3Rhc2tyb3V0ZXIudHdpbGlvLmNvbS92MS9Xb3Jrc3BhY2VzL1dTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYvVGFza3MvKioiLCJtZXRob2QiOiJQT1NUIiwicXVlcnlfZmlsdGVyIjp7fSwicG9zdF9maWx0ZXIiOnt9LCJhbGxvdyI6dHJ1ZX0seyJ1cmwiOiJodHRwczovL3Rhc2tyb3V0ZXIudHdpbGlvLmNvbS92MS9Xb3Jrc3BhY2VzL1dTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYvV29ya2Vycy9XSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1Jlc2VydmF0aW9ucy8qKiIsIm1ldGhvZCI6IlBPU1QiLCJxdWVyeV9maWx0ZXIiOnt9LCJwb3N0X2ZpbHRlciI6e30sImFsbG93Ijp0cnVlfV19.AGvEyKOCt42HoHBl16KL2soczqkZgKwkZt1cGeYPuy0'

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
