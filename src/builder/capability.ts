import { CapabilityError, quote } from '../errors.js'
import { Secret } from '../lib/secret.js'
import { type Policy, policyOf } from '../policy/policy.js'
import { EVENT_BRIDGE_BASE_URL, TASKROUTER_BASE_URL } from '../policy/urls.js'
import type { TargetKind } from '../record.js'
import { type AccountSid, checkSid, type TaskQueueSid, type WorkerSid, type WorkspaceSid } from '../sid.js'
import { DEFAULT_TTL_SECONDS } from './base.js'
import { TaskQueueCapabilityBuilder, WorkerCapabilityBuilder, WorkspaceCapabilityBuilder } from './targets.js'

/** What {@link capability} needs: the account, the workspace and, to sign, the auth token. */
export interface CapabilityOptions {
  /** The account SID, `AC…`. */
  readonly accountSid: AccountSid
  /** The workspace SID, `WS…`. */
  readonly workspaceSid: WorkspaceSid
  /** The account's auth token; optional, since `build()` needs none and `sign()` takes one too. */
  readonly authToken?: string
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * The start of every chain: account and workspace checked, target not chosen yet. Made by
 * {@link capability}.
 */
export class CapabilityFactory {
  readonly #accountSid: AccountSid
  readonly #workspaceSid: WorkspaceSid
  readonly #secret: Secret | undefined
  readonly #workspaceUrl: string

  /** @internal Use {@link capability}. */
  constructor(options: CapabilityOptions) {
    const call = 'capability()'
    if (typeof options !== 'object' || options === null) {
      throw new CapabilityError(
        'ERR_INVALID_ARGUMENT',
        `${call}: options must be { accountSid, workspaceSid, authToken? }, got ${quote(options)}`,
      )
    }
    this.#accountSid = checkSid(call, 'accountSid', options.accountSid)
    this.#workspaceSid = checkSid(call, 'workspaceSid', options.workspaceSid)
    this.#secret = options.authToken === undefined ? undefined : Secret.from(call, 'authToken', options.authToken)
    this.#workspaceUrl = `${TASKROUTER_BASE_URL}/Workspaces/${this.#workspaceSid}`
  }

  #start<K extends TargetKind, S extends string>(target: K, targetSid: S, resourceUrl: string, ownDefault: Policy) {
    const channelUrl = `${EVENT_BRIDGE_BASE_URL}/${this.#accountSid}/${targetSid}`
    const record = Object.freeze({
      target,
      targetSid,
      accountSid: this.#accountSid,
      workspaceSid: this.#workspaceSid,
      channel: targetSid as string,
      friendlyName: targetSid as string,
      version: 'v1' as const,
      ttl: DEFAULT_TTL_SECONDS,
      policies: Object.freeze([policyOf(channelUrl, 'GET'), policyOf(channelUrl, 'POST'), ownDefault]),
    })
    return [record, Object.freeze({ secret: this.#secret, workspaceUrl: this.#workspaceUrl, resourceUrl })] as const
  }

  /**
   * Starts a token for TaskRouter.js acting as one worker.
   *
   * @example
   * ```ts
   * capability({ accountSid, workspaceSid, authToken })
   *   .forWorker('WK0123456789abcdef0123456789abcdef')
   *   .allowActivityUpdates()
   *   .sign()
   * ```
   */
  forWorker(workerSid: WorkerSid): WorkerCapabilityBuilder {
    const sid = checkSid('forWorker()', 'workerSid', workerSid)
    const resourceUrl = `${this.#workspaceUrl}/Workers/${sid}`
    return new WorkerCapabilityBuilder(
      ...this.#start('worker', sid, resourceUrl, policyOf(`${this.#workspaceUrl}/Activities`, 'GET')),
    )
  }

  /**
   * Starts a token for TaskRouter.js acting as one task queue.
   *
   * @example
   * ```ts
   * capability({ accountSid, workspaceSid, authToken }).forTaskQueue(taskQueueSid).sign()
   * ```
   */
  forTaskQueue(taskQueueSid: TaskQueueSid): TaskQueueCapabilityBuilder {
    const sid = checkSid('forTaskQueue()', 'taskQueueSid', taskQueueSid)
    const resourceUrl = `${this.#workspaceUrl}/TaskQueues/${sid}`
    return new TaskQueueCapabilityBuilder(...this.#start('taskqueue', sid, resourceUrl, policyOf(resourceUrl, 'GET')))
  }

  /**
   * Starts a token for TaskRouter.js acting as the whole workspace.
   *
   * @example
   * ```ts
   * capability({ accountSid, workspaceSid, authToken }).forWorkspace().allowFetchSubresources().sign()
   * ```
   */
  forWorkspace(): WorkspaceCapabilityBuilder {
    const resourceUrl = this.#workspaceUrl
    return new WorkspaceCapabilityBuilder(
      ...this.#start('workspace', this.#workspaceSid, resourceUrl, policyOf(resourceUrl, 'GET')),
    )
  }

  /** Account and workspace only, so `JSON.stringify` never shows the secret. */
  toJSON(): Pick<CapabilityOptions, 'accountSid' | 'workspaceSid'> {
    return { accountSid: this.#accountSid, workspaceSid: this.#workspaceSid }
  }

  /** @internal */
  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `CapabilityFactory ${inspect(this.toJSON(), options)}`
  }
}

/**
 * Starts a TaskRouter capability token. Checks the SIDs (and the auth token, when given)
 * here, so a bad value fails at the call that received it.
 *
 * @example The seed scenario: a worker that fetches its attributes, changes activity and
 * handles reservations, for ten minutes
 * ```ts
 * import { capability } from 'taskrouter-capability'
 *
 * const token = capability({ accountSid, workspaceSid, authToken })
 *   .forWorker(workerSid)
 *   .allowFetchAttributes()
 *   .allowActivityUpdates()
 *   .allowReservationUpdates()
 *   .ttl(600)
 *   .sign()
 * ```
 */
export function capability(options: CapabilityOptions): CapabilityFactory {
  return new CapabilityFactory(options)
}
