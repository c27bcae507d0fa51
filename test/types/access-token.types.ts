import { expectTypeOf } from 'vitest'
import { type AccessTokenRecord, accessToken } from '../../src/index.js'

declare const accountSid: `AC${string}`
declare const apiKeySid: `SK${string}`
declare const workspaceSid: `WS${string}`
declare const workerSid: `WK${string}`

const key = accessToken({ accountSid, apiKeySid, apiKeySecret: 'x' })

// @ts-expect-error sign() needs an identity first
key.sign()
// @ts-expect-error build() needs an identity first
key.build()
// @ts-expect-error still no identity after other calls
key.taskRouter({ workspaceSid }).ttl(60).sign()

expectTypeOf(
  key.identity('alice').taskRouter({ workspaceSid, workerSid, role: 'worker' }).sign(),
).toEqualTypeOf<string>()
expectTypeOf(key.taskRouter({ workspaceSid }).identity('alice').build()).toEqualTypeOf<AccessTokenRecord>()

// @ts-expect-error an API key SID starts with SK
accessToken({ accountSid, apiKeySid: accountSid, apiKeySecret: 'x' })
// @ts-expect-error a worker SID is not a workspace SID
key.taskRouter({ workspaceSid: workerSid })

// Roles are typed loosely but suggest the known ones.
key.taskRouter({ workspaceSid, role: 'supervisor' })
key.taskRouter({ workspaceSid, role: 'custom-role' })
