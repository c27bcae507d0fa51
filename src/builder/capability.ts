import { CapabilityError, quote } from '../errors.js'
import { Secret } from '../lib/secret.js'
import { type Policy, policyOf } from '../policy/policy.js'
import { EVENT_BRIDGE_BASE_URL, TASKROUTER_BASE_URL } from '../policy/urls.js'
import type { TargetKind } from '../record.js'
import { type AccountSid, checkSid, type TaskQueueSid, type WorkerSid, type WorkspaceSid } from '../sid.js'
import { type BuilderContext, type BuilderFields, DEFAULT_TTL_SECONDS, type WorkspacePolicies } from './base.js'
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
  readonly #shared: WorkspacePolicies

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
    const workspaceUrl = `${TASKROUTER_BASE_URL}/Workspaces/${this.#workspaceSid}`
    this.#workspaceUrl = workspaceUrl
    // The same for every worker of the workspace: made once, shared by every chain (they are frozen).
    this.#shared = Object.freeze({
      activities: policyOf(`${workspaceUrl}/Activities`, 'GET'),
      tasksGet: policyOf(`${workspaceUrl}/Tasks/**`, 'GET'),
      tasksPost: policyOf(`${workspaceUrl}/Tasks/**`, 'POST'),
    })
  }

  #start<B>(
    Builder: new (context: BuilderContext, fields: BuilderFields) => B,
    target: TargetKind,
    targetSid: string,
    resourceUrl: string,
    ownDefault: Policy,
  ): B {
    const accountSid = this.#accountSid
    const channelUrl = `${EVENT_BRIDGE_BASE_URL}/${accountSid}/${targetSid}`
    // Private to the builders and never handed out, so not frozen: this runs per token.
    const context = {
      target,
      targetSid,
      accountSid,
      workspaceSid: this.#workspaceSid,
      secret: this.#secret,
      resourceUrl,
      shared: this.#shared,
    }
    const fields = {
      policies: Object.freeze([policyOf(channelUrl, 'GET'), policyOf(channelUrl, 'POST'), ownDefault]),
      ttl: DEFAULT_TTL_SECONDS,
      friendlyName: undefined,
      notBefore: undefined,
      applied: 0,
      custom: false,
    }
    return new Builder(context, fields)
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
    return this.#start(WorkerCapabilityBuilder, 'worker', sid, resourceUrl, this.#shared.activities)
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
    return this.#start(TaskQueueCapabilityBuilder, 'taskqueue', sid, resourceUrl, policyOf(resourceUrl, 'GET'))
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
    const own = policyOf(resourceUrl, 'GET')
    return this.#start(WorkspaceCapabilityBuilder, 'workspace', this.#workspaceSid, resourceUrl, own)
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
  // A server calls capability() with the same credentials on every request: the factory
  // is immutable, so the last one is handed out again rather than checked and built anew.
  const last = lastFactory
  if (
    last !== undefined &&
    typeof options === 'object' &&
    options !== null &&
    options.accountSid === last.options.accountSid &&
    options.workspaceSid === last.options.workspaceSid &&
    options.authToken === last.options.authToken
  ) {
    return last.factory
  }
  const factory = new CapabilityFactory(options)
  lastFactory = {
    options: { accountSid: options.accountSid, workspaceSid: options.workspaceSid, authToken: options.authToken },
    factory,
  }
  return factory
}

let lastFactory:
  | {
      readonly options: { readonly accountSid: unknown; readonly workspaceSid: unknown; readonly authToken: unknown }
      readonly factory: CapabilityFactory
    }
  | undefined
