import { policyOf } from '../policy/policy.js'
import type { TaskQueueCapability, WorkerCapability, WorkspaceCapability } from '../record.js'
import { CapabilityBuilder, Permission } from './base.js'

const ACTIVITY_REQUIRED = Object.freeze({ ActivitySid: Object.freeze({ required: true }) })

/**
 * Builds a token for TaskRouter.js acting as one worker. Starts with GET and POST on the
 * worker's event-bridge channel and GET on the workspace's activities.
 */
export class WorkerCapabilityBuilder extends CapabilityBuilder<WorkerCapability> {
  /**
   * Allows fetching the worker's own record and attributes: GET `{ws}/Workers/{WK}`.
   *
   * @example
   * ```ts
   * capability(creds).forWorker(workerSid).allowFetchAttributes()
   * ```
   */
  allowFetchAttributes(): this {
    return this.withPermission(Permission.FetchAttributes, 'allowFetchAttributes()', [
      policyOf(this.resourceUrl, 'GET'),
    ])
  }

  /**
   * Allows changing the worker's activity, and nothing else about it: POST
   * `{ws}/Workers/{WK}` with post filter `{ ActivitySid: { required: true } }`.
   *
   * @example
   * ```ts
   * capability(creds).forWorker(workerSid).allowActivityUpdates()
   * ```
   */
  allowActivityUpdates(): this {
    return this.withPermission(Permission.ActivityUpdates, 'allowActivityUpdates()', [
      policyOf(this.resourceUrl, 'POST', true, undefined, ACTIVITY_REQUIRED),
    ])
  }

  /**
   * Allows accepting, rejecting and completing reservations: POST `{ws}/Tasks/**` and
   * POST `{ws}/Workers/{WK}/Reservations/**`.
   *
   * @example
   * ```ts
   * capability(creds).forWorker(workerSid).allowReservationUpdates()
   * ```
   */
  allowReservationUpdates(): this {
    return this.withPermission(Permission.ReservationUpdates, 'allowReservationUpdates()', [
      this.shared.tasksPost,
      policyOf(`${this.resourceUrl}/Reservations/**`, 'POST'),
    ])
  }

  /**
   * Allows fetching tasks and the worker's reservations: GET `{ws}/Tasks/**` and GET
   * `{ws}/Workers/{WK}/Reservations/**`.
   *
   * @example
   * ```ts
   * capability(creds).forWorker(workerSid).allowFetchReservations()
   * ```
   */
  allowFetchReservations(): this {
    return this.withPermission(Permission.FetchReservations, 'allowFetchReservations()', [
      this.shared.tasksGet,
      policyOf(`${this.resourceUrl}/Reservations/**`, 'GET'),
    ])
  }
}

/**
 * Builds a token for TaskRouter.js acting as one task queue. Starts with GET and POST on
 * the queue's event-bridge channel and GET on the queue itself.
 */
export class TaskQueueCapabilityBuilder extends CapabilityBuilder<TaskQueueCapability> {}

/**
 * Builds a token for TaskRouter.js acting as a whole workspace. Starts with GET and POST
 * on the workspace's event-bridge channel and GET on the workspace itself.
 */
export class WorkspaceCapabilityBuilder extends CapabilityBuilder<WorkspaceCapability> {}
