import type { AccountSid, ApiKeySid, WorkerSid, WorkspaceSid } from './sid.js'

/** The TaskRouter grant of an access token: what the twilio-taskrouter v2 SDK reads. */
export interface TaskRouterGrant {
  /** The workspace the SDK works in. */
  readonly workspaceSid: WorkspaceSid
  /** The worker the SDK acts as, when set. */
  readonly workerSid?: WorkerSid
  /** The role, such as `worker` or `supervisor`, when set. */
  readonly role?: string
}

/** A built access token. Deeply frozen. */
export interface AccessTokenRecord {
  /** The account (the `sub` claim). */
  readonly accountSid: AccountSid
  /** The API key that signs (the `iss` claim). */
  readonly apiKeySid: ApiKeySid
  /** Who the token is for (`grants.identity`). */
  readonly identity: string
  /** Seconds from issue to expiry. */
  readonly ttl: number
  /** When set, the start of validity (`nbf`), in whole seconds since the epoch. */
  readonly notBefore?: number
  /** The TaskRouter grant, when set. */
  readonly taskRouter?: TaskRouterGrant
}
