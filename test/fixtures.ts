import { inspect } from 'node:util'
import { expect } from 'vitest'
import {
  type AccountSid,
  CapabilityError,
  type CapabilityErrorCode,
  capability,
  type TaskQueueSid,
  type WorkerSid,
  type WorkspaceSid,
} from '../src/index.js'

/** Obviously fake credentials, the same in every test. */
export const AC: AccountSid = 'AC0123456789abcdef0123456789abcdef'
export const WS: WorkspaceSid = 'WS0123456789abcdef0123456789abcdef'
export const WK: WorkerSid = 'WK0123456789abcdef0123456789abcdef'
export const WQ: TaskQueueSid = 'WQ0123456789abcdef0123456789abcdef'
export const AUTH_TOKEN = 'fake-auth-token-for-tests-0123456789'
export const OTHER_AUTH_TOKEN = 'another-fake-auth-token-9876543210'
export const API_KEY_SECRET = 'fake-api-key-secret-for-tests-000000'
const SECRETS = [AUTH_TOKEN, OTHER_AUTH_TOKEN, API_KEY_SECRET]

/** 2023-11-14T22:13:20Z, epoch second 1700000000. */
export const NOW = new Date(1_700_000_000_000)

export const WS_URL = `https://taskrouter.twilio.com/v1/Workspaces/${WS}`
export const WK_URL = `${WS_URL}/Workers/${WK}`
export const WQ_URL = `${WS_URL}/TaskQueues/${WQ}`
export const channelUrl = (channel: string) => `https://event-bridge.twilio.com/v1/wschannels/${AC}/${channel}`

/** A policy in claim form, for whole-object assertions. */
export function claim(
  method: string,
  url: string,
  options: { allow?: boolean; query_filter?: object; post_filter?: object } = {},
) {
  return {
    url,
    method,
    query_filter: options.query_filter ?? {},
    post_filter: options.post_filter ?? {},
    allow: options.allow ?? true,
  }
}

/** A policy in record form, for whole-object assertions. */
export function rule(
  method: string,
  url: string,
  options: { allow?: boolean; queryFilter?: object; postFilter?: object } = {},
) {
  return {
    url,
    method,
    queryFilter: options.queryFilter ?? {},
    postFilter: options.postFilter ?? {},
    allow: options.allow ?? true,
  }
}

/** Decodes a JWT part without any library, to check tokens independently. */
export function part(token: string, index: 0 | 1): unknown {
  return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8'))
}

/**
 * The seed scenario's token (worker, fetch attributes, activity updates, reservation
 * updates, ttl 600) signed with AUTH_TOKEN at NOW. Checked part by part in seed.test.ts.
 */
export const SEED_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDA2MDAsInZlcnNpb24iOiJ2MSIsImZyaWVuZGx5X25hbWUiOiJXSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwiYWNjb3VudF9zaWQiOiJBQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwid29ya3NwYWNlX3NpZCI6IldTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJjaGFubmVsIjoiV0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsIndvcmtlcl9zaWQiOiJXSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwicG9saWNpZXMiOlt7InVybCI6Imh0dHBzOi8vZXZlbnQtYnJpZGdlLnR3aWxpby5jb20vdjEvd3NjaGFubmVscy9BQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dLMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJtZXRob2QiOiJHRVQiLCJxdWVyeV9maWx0ZXIiOnt9LCJwb3N0X2ZpbHRlciI6e30sImFsbG93Ijp0cnVlfSx7InVybCI6Imh0dHBzOi8vZXZlbnQtYnJpZGdlLnR3aWxpby5jb20vdjEvd3NjaGFubmVscy9BQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dLMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJtZXRob2QiOiJQT1NUIiwicXVlcnlfZmlsdGVyIjp7fSwicG9zdF9maWx0ZXIiOnt9LCJhbGxvdyI6dHJ1ZX0seyJ1cmwiOiJodHRwczovL3Rhc2tyb3V0ZXIudHdpbGlvLmNvbS92MS9Xb3Jrc3BhY2VzL1dTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYvQWN0aXZpdGllcyIsIm1ldGhvZCI6IkdFVCIsInF1ZXJ5X2ZpbHRlciI6e30sInBvc3RfZmlsdGVyIjp7fSwiYWxsb3ciOnRydWV9LHsidXJsIjoiaHR0cHM6Ly90YXNrcm91dGVyLnR3aWxpby5jb20vdjEvV29ya3NwYWNlcy9XUzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dvcmtlcnMvV0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsIm1ldGhvZCI6IkdFVCIsInF1ZXJ5X2ZpbHRlciI6e30sInBvc3RfZmlsdGVyIjp7fSwiYWxsb3ciOnRydWV9LHsidXJsIjoiaHR0cHM6Ly90YXNrcm91dGVyLnR3aWxpby5jb20vdjEvV29ya3NwYWNlcy9XUzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1dvcmtlcnMvV0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsIm1ldGhvZCI6IlBPU1QiLCJxdWVyeV9maWx0ZXIiOnt9LCJwb3N0X2ZpbHRlciI6eyJBY3Rpdml0eVNpZCI6eyJyZXF1aXJlZCI6dHJ1ZX19LCJhbGxvdyI6dHJ1ZX0seyJ1cmwiOiJodHRwczovL3Rhc2tyb3V0ZXIudHdpbGlvLmNvbS92MS9Xb3Jrc3BhY2VzL1dTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYvVGFza3MvKioiLCJtZXRob2QiOiJQT1NUIiwicXVlcnlfZmlsdGVyIjp7fSwicG9zdF9maWx0ZXIiOnt9LCJhbGxvdyI6dHJ1ZX0seyJ1cmwiOiJodHRwczovL3Rhc2tyb3V0ZXIudHdpbGlvLmNvbS92MS9Xb3Jrc3BhY2VzL1dTMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYvV29ya2Vycy9XSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmL1Jlc2VydmF0aW9ucy8qKiIsIm1ldGhvZCI6IlBPU1QiLCJxdWVyeV9maWx0ZXIiOnt9LCJwb3N0X2ZpbHRlciI6e30sImFsbG93Ijp0cnVlfV19.AGvEyKOCt42HoHBl16KL2soczqkZgKwkZt1cGeYPuy0'

/** The seed scenario's builder: a worker with the seed's three permissions, for ten minutes. */
export const seedBuilder = () =>
  capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
    .forWorker(WK)
    .allowFetchAttributes()
    .allowActivityUpdates()
    .allowReservationUpdates()
    .ttl(600)

/**
 * Runs `fn`, which must throw a CapabilityError, checks that no test secret shows in its
 * message or its inspection, and returns its code and message for a whole-value assertion.
 */
export function failure(fn: () => unknown): { code: CapabilityErrorCode; message: string } {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(CapabilityError)
    const { code, message } = error as CapabilityError
    for (const secret of SECRETS) {
      expect(message).not.toContain(secret)
      expect(inspect(error, { depth: 10 })).not.toContain(secret)
    }
    return { code, message }
  }
  throw new Error('expected a CapabilityError, nothing was thrown')
}
