import type { AccountSid, TaskQueueSid, WorkerSid, WorkspaceSid } from '../src/index.js'

/** Obviously fake credentials, the same in every test. */
export const AC: AccountSid = 'AC0123456789abcdef0123456789abcdef'
export const WS: WorkspaceSid = 'WS0123456789abcdef0123456789abcdef'
export const WK: WorkerSid = 'WK0123456789abcdef0123456789abcdef'
export const WQ: TaskQueueSid = 'WQ0123456789abcdef0123456789abcdef'
export const AUTH_TOKEN = 'fake-auth-token-for-tests-0123456789'
export const OTHER_AUTH_TOKEN = 'another-fake-auth-token-9876543210'

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
