import { CapabilityError, quote } from '../errors.js'
import {
  type AccountSid,
  type ActivitySid,
  checkSid,
  type ReservationSid,
  type SidField,
  type TaskQueueSid,
  type TaskSid,
  type WorkerSid,
  type WorkspaceSid,
} from '../sid.js'
import type { Wildcard } from './url.js'

/** The TaskRouter REST API root all resource URLs start with. */
export const TASKROUTER_BASE_URL = 'https://taskrouter.twilio.com/v1'

/** The event-bridge root of the websocket channels TaskRouter.js listens on. */
export const EVENT_BRIDGE_BASE_URL = 'https://event-bridge.twilio.com/v1/wschannels'

function segment(call: string, field: SidField, value: unknown): string {
  return value === '*' || value === '**' ? value : checkSid(call, field, value)
}

function child(call: string, parent: string, collection: string, field: SidField, sid: unknown): string {
  return sid === undefined ? `${parent}/${collection}` : `${parent}/${collection}/${segment(call, field, sid)}`
}

function parentSid(call: string, field: SidField, value: unknown): string {
  if (value === '*' || value === '**') {
    throw new CapabilityError(
      'ERR_INVALID_URL',
      `${call}: ${field} must be a SID here, a wildcard may only end a URL, got ${quote(value)}`,
    )
  }
  return checkSid(call, field, value)
}

/**
 * The URL of a workspace, or a pattern of all workspaces.
 *
 * @example
 * ```ts
 * workspaceUrl('WS0123456789abcdef0123456789abcdef')
 * // 'https://taskrouter.twilio.com/v1/Workspaces/WS0123456789abcdef0123456789abcdef'
 * workspaceUrl('**') // 'https://taskrouter.twilio.com/v1/Workspaces/**'
 * ```
 */
export function workspaceUrl(workspaceSid: WorkspaceSid | Wildcard): string {
  return `${TASKROUTER_BASE_URL}/Workspaces/${segment('workspaceUrl()', 'workspaceSid', workspaceSid)}`
}

/**
 * The URL of a workspace's workers, of one worker, or a pattern of them.
 *
 * @example
 * ```ts
 * workersUrl(ws)        // '…/Workspaces/WS…/Workers'
 * workersUrl(ws, wk)    // '…/Workspaces/WS…/Workers/WK…'
 * workersUrl(ws, '*')   // '…/Workspaces/WS…/Workers/*'
 * ```
 */
export function workersUrl(workspaceSid: WorkspaceSid, workerSid?: WorkerSid | Wildcard): string {
  const call = 'workersUrl()'
  return child(
    call,
    `${TASKROUTER_BASE_URL}/Workspaces/${parentSid(call, 'workspaceSid', workspaceSid)}`,
    'Workers',
    'workerSid',
    workerSid,
  )
}

/**
 * The URL of a workspace's task queues, of one task queue, or a pattern of them.
 *
 * @example
 * ```ts
 * taskQueuesUrl(ws, wq)   // '…/Workspaces/WS…/TaskQueues/WQ…'
 * ```
 */
export function taskQueuesUrl(workspaceSid: WorkspaceSid, taskQueueSid?: TaskQueueSid | Wildcard): string {
  const call = 'taskQueuesUrl()'
  return child(
    call,
    `${TASKROUTER_BASE_URL}/Workspaces/${parentSid(call, 'workspaceSid', workspaceSid)}`,
    'TaskQueues',
    'taskQueueSid',
    taskQueueSid,
  )
}

/**
 * The URL of a workspace's tasks, of one task, or a pattern of them.
 *
 * @example
 * ```ts
 * tasksUrl(ws, '**')   // '…/Workspaces/WS…/Tasks/**'
 * ```
 */
export function tasksUrl(workspaceSid: WorkspaceSid, taskSid?: TaskSid | Wildcard): string {
  const call = 'tasksUrl()'
  return child(
    call,
    `${TASKROUTER_BASE_URL}/Workspaces/${parentSid(call, 'workspaceSid', workspaceSid)}`,
    'Tasks',
    'taskSid',
    taskSid,
  )
}

/**
 * The URL of a workspace's activities, of one activity, or a pattern of them.
 *
 * @example
 * ```ts
 * activitiesUrl(ws)   // '…/Workspaces/WS…/Activities'
 * ```
 */
export function activitiesUrl(workspaceSid: WorkspaceSid, activitySid?: ActivitySid | Wildcard): string {
  const call = 'activitiesUrl()'
  return child(
    call,
    `${TASKROUTER_BASE_URL}/Workspaces/${parentSid(call, 'workspaceSid', workspaceSid)}`,
    'Activities',
    'activitySid',
    activitySid,
  )
}

/**
 * The URL of a worker's reservations, of one reservation, or a pattern of them.
 *
 * @example
 * ```ts
 * workerReservationsUrl(ws, wk, '**')   // '…/Workers/WK…/Reservations/**'
 * ```
 */
export function workerReservationsUrl(
  workspaceSid: WorkspaceSid,
  workerSid: WorkerSid,
  reservationSid?: ReservationSid | Wildcard,
): string {
  const call = 'workerReservationsUrl()'
  const worker = `${TASKROUTER_BASE_URL}/Workspaces/${parentSid(call, 'workspaceSid', workspaceSid)}/Workers/${parentSid(call, 'workerSid', workerSid)}`
  return child(call, worker, 'Reservations', 'reservationSid', reservationSid)
}

/**
 * The URL of a task's reservations, of one reservation, or a pattern of them.
 *
 * @example
 * ```ts
 * taskReservationsUrl(ws, wt, wr)   // '…/Tasks/WT…/Reservations/WR…'
 * ```
 */
export function taskReservationsUrl(
  workspaceSid: WorkspaceSid,
  taskSid: TaskSid,
  reservationSid?: ReservationSid | Wildcard,
): string {
  const call = 'taskReservationsUrl()'
  const task = `${TASKROUTER_BASE_URL}/Workspaces/${parentSid(call, 'workspaceSid', workspaceSid)}/Tasks/${parentSid(call, 'taskSid', taskSid)}`
  return child(call, task, 'Reservations', 'reservationSid', reservationSid)
}

const CHANNEL = /^[A-Za-z0-9._~-]{1,64}$/

/** Whether `value` is an event-bridge channel name: 1 to 64 letters, digits or `. _ ~ -`. @internal */
export function isChannel(value: unknown): value is string {
  return typeof value === 'string' && CHANNEL.test(value)
}

/**
 * The event-bridge websocket channel URL TaskRouter.js uses for a target.
 *
 * @example
 * ```ts
 * eventBridgeUrl(ac, wk)   // 'https://event-bridge.twilio.com/v1/wschannels/AC…/WK…'
 * ```
 */
export function eventBridgeUrl(accountSid: AccountSid, channel: string): string {
  const call = 'eventBridgeUrl()'
  if (!isChannel(channel)) {
    throw new CapabilityError(
      'ERR_INVALID_URL',
      `${call}: channel must be 1 to 64 letters, digits or . _ ~ -, got ${quote(channel)}`,
    )
  }
  return `${EVENT_BRIDGE_BASE_URL}/${parentSid(call, 'accountSid', accountSid)}/${channel}`
}
