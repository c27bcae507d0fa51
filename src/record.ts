import type { Policy } from './policy/policy.js'
import type { AccountSid, TaskQueueSid, WorkerSid, WorkspaceSid } from './sid.js'

/** What a capability token acts as: one worker, one task queue, or a whole workspace. */
export type TargetKind = 'worker' | 'taskqueue' | 'workspace'

/** The fields every capability record has; `K` is the target kind, `S` its SID type. */
export interface CapabilityRecordFields<K extends TargetKind, S extends string> {
  /** What the token acts as. */
  readonly target: K
  /** The SID of the worker, task queue or workspace it acts as. */
  readonly targetSid: S
  /** The account the token belongs to (also its issuer). */
  readonly accountSid: AccountSid
  /** The workspace the target lives in. */
  readonly workspaceSid: WorkspaceSid
  /** The event-bridge channel TaskRouter.js listens on: the target SID. */
  readonly channel: string
  /** A name for the token; the channel unless set. */
  readonly friendlyName: string
  /** The TaskRouter version, always `v1`. */
  readonly version: 'v1'
  /** Seconds from issue to expiry. */
  readonly ttl: number
  /** When set, the start of validity (the `nbf` claim), in whole seconds since the epoch. */
  readonly notBefore?: number
  /** The rules, defaults first, then each permission's in call order. */
  readonly policies: readonly Policy[]
}

/** A built capability for a worker. Deeply frozen. */
export interface WorkerCapability extends CapabilityRecordFields<'worker', WorkerSid> {}
/** A built capability for a task queue. Deeply frozen. */
export interface TaskQueueCapability extends CapabilityRecordFields<'taskqueue', TaskQueueSid> {}
/** A built capability for a workspace. Deeply frozen. */
export interface WorkspaceCapability extends CapabilityRecordFields<'workspace', WorkspaceSid> {}

/** Any built capability; narrow on `target`. */
export type CapabilityRecord = WorkerCapability | TaskQueueCapability | WorkspaceCapability
