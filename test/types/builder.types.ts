// Type-level tests: compiled by `npm run typecheck` (part of `npm test`). Each
// `@ts-expect-error` fails the build if its line ever compiles.
import { expectTypeOf } from 'vitest'
import {
  CapabilityError,
  type CapabilityErrorCode,
  type CapabilityRecord,
  capability,
  type Policy,
  type TaskQueueCapability,
  type WorkerCapability,
  type WorkerSid,
  type WorkspaceCapability,
} from '../../src/index.js'

declare const accountSid: `AC${string}`
declare const workspaceSid: `WS${string}`
declare const workerSid: `WK${string}`
declare const taskQueueSid: `WQ${string}`

const start = capability({ accountSid, workspaceSid })

// SIDs are typed by prefix.
// @ts-expect-error a workspace SID is not an account SID
capability({ accountSid: workspaceSid, workspaceSid })
// @ts-expect-error a plain string is not a workspace SID
capability({ accountSid, workspaceSid: 'workspace' })
// @ts-expect-error a task queue SID is not a worker SID
start.forWorker(taskQueueSid)
// @ts-expect-error a worker SID is not a task queue SID
start.forTaskQueue(workerSid)

// Worker-only permissions exist on the worker builder only.
start
  .forWorker(workerSid)
  .allowFetchAttributes()
  .allowActivityUpdates()
  .allowReservationUpdates()
  .allowFetchReservations()
// @ts-expect-error a task queue has no activity
start.forTaskQueue(taskQueueSid).allowActivityUpdates()
// @ts-expect-error a workspace has no attributes to fetch as a worker
start.forWorkspace().allowFetchAttributes()
// @ts-expect-error reservations are a worker's
start.forTaskQueue(taskQueueSid).allowReservationUpdates()
// @ts-expect-error reservations are a worker's
start.forWorkspace().allowFetchReservations()

// Chains keep their type, so worker-only calls may come after common ones.
start.forWorker(workerSid).ttl(60).allowDelete().friendlyName('x').allowActivityUpdates()

// Methods and filters are typed.
// @ts-expect-error PUT is not a TaskRouter policy method
start.forWorkspace().allow('https://taskrouter.twilio.com/v1/Workspaces', 'PUT')
// @ts-expect-error a filter value is a string or a matcher
start.forWorkspace().allow('https://taskrouter.twilio.com/v1/Workspaces', 'GET', { queryFilter: { A: 1 } })
// @ts-expect-error a matcher needs required
start.forWorkspace().allow('https://taskrouter.twilio.com/v1/Workspaces', 'GET', { postFilter: { A: { value: 'x' } } })

// Records are typed per target and readonly all the way down.
expectTypeOf(start.forWorker(workerSid).build()).toEqualTypeOf<WorkerCapability>()
expectTypeOf(start.forTaskQueue(taskQueueSid).build()).toEqualTypeOf<TaskQueueCapability>()
expectTypeOf(start.forWorkspace().build()).toEqualTypeOf<WorkspaceCapability>()
expectTypeOf(start.forWorker(workerSid).build().targetSid).toEqualTypeOf<WorkerSid>()
expectTypeOf(start.forWorker(workerSid).build().policies).toEqualTypeOf<readonly Policy[]>()
const record = start.forWorker(workerSid).build()
// @ts-expect-error records are readonly
record.ttl = 5
// @ts-expect-error policies are readonly
record.policies.push(record.policies[0] as Policy)
// @ts-expect-error policy fields are readonly
;(record.policies[0] as Policy).allow = false

// Records narrow on their target.
declare const any: CapabilityRecord
if (any.target === 'taskqueue') expectTypeOf(any.targetSid).toEqualTypeOf<`WQ${string}`>()

// sign() returns a string; its options are typed.
expectTypeOf(start.forWorkspace().sign()).toEqualTypeOf<string>()
// @ts-expect-error now is a Date or milliseconds
start.forWorkspace().sign({ now: '2026-01-01' })

// Error codes narrow.
declare const error: unknown
if (error instanceof CapabilityError) {
  expectTypeOf(error.code).toEqualTypeOf<CapabilityErrorCode>()
  // @ts-expect-error not a code this library has
  if (error.code === 'ERR_NOPE') void 0
}

// A decoded record is a plain, readable object type that still narrows on its target.
declare const decoded: import('../../src/index.js').DecodedCapability
expectTypeOf(decoded.issuedAt).toEqualTypeOf<Date>()
if (decoded.target === 'worker') expectTypeOf(decoded.targetSid).toEqualTypeOf<`WK${string}`>()
// @ts-expect-error decoded records are readonly too
decoded.expiresAt = new Date()
