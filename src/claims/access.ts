import type { Simplify } from 'type-fest'
import type { AccessTokenRecord, TaskRouterGrant } from '../access-record.js'
import { CapabilityError, quote } from '../errors.js'
import type { AccountSid, ApiKeySid, WorkerSid, WorkspaceSid } from '../sid.js'
import type { ExpectedClaims } from './parse.js'
import { invalidClaim, isJsonObject, nameClaim, readingClaims, secondsClaim, sidClaim, ttlClaim } from './read.js'

/** The `task_router` grant as it stands in the token; unset fields are left out. */
export interface TaskRouterGrantClaim {
  /** The workspace SID. */
  readonly workspace_sid: WorkspaceSid
  /** The worker SID, when set. */
  readonly worker_sid?: WorkerSid
  /** The role, when set. */
  readonly role?: string
}

/** The claims of an access token with a TaskRouter grant, as Twilio's helper libraries write them. */
export interface AccessTokenClaims {
  /** `{API key SID}-{iat}`. */
  readonly jti: string
  /** The API key SID. */
  readonly iss: ApiKeySid
  /** The account SID. */
  readonly sub: AccountSid
  /** Issued at, seconds since the epoch. */
  readonly iat: number
  /** Expires at: `iat + ttl`. */
  readonly exp: number
  /** Not valid before; only when a start time was set. */
  readonly nbf?: number
  /** The identity and the TaskRouter grant. */
  readonly grants: {
    /** Who the token is for. */
    readonly identity: string
    /** The TaskRouter grant, when set. */
    readonly task_router?: TaskRouterGrantClaim
  }
}

const ROLE = /^[A-Za-z0-9_-]{1,64}$/

/** Whether `value` is a grant role: 1 to 64 letters, digits, `_` or `-`. @internal */
export function isRole(value: unknown): value is string {
  return typeof value === 'string' && ROLE.test(value)
}

/** The claims of an access token issued at `iat` (seconds). @internal */
export function accessClaimsAt(record: AccessTokenRecord, iat: number): AccessTokenClaims {
  const grant = record.taskRouter
  return {
    jti: `${record.apiKeySid}-${iat}`,
    iss: record.apiKeySid,
    sub: record.accountSid,
    iat,
    exp: iat + record.ttl,
    ...(record.notBefore === undefined ? {} : { nbf: record.notBefore }),
    grants: {
      identity: record.identity,
      ...(grant === undefined
        ? {}
        : {
            task_router: {
              workspace_sid: grant.workspaceSid,
              ...(grant.workerSid === undefined ? {} : { worker_sid: grant.workerSid }),
              ...(grant.role === undefined ? {} : { role: grant.role }),
            },
          }),
    },
  }
}

/** An access token read back: the record `build()` gives, plus its times. */
export type DecodedAccessToken = Simplify<
  AccessTokenRecord & {
    /** When the token was issued (`iat`). */
    readonly issuedAt: Date
    /** When the token expires (`exp`). */
    readonly expiresAt: Date
  }
>

const ACCESS_CLAIMS = new Set(['jti', 'iss', 'sub', 'iat', 'exp', 'nbf', 'grants'])
const GRANT_KEYS = new Set(['workspace_sid', 'worker_sid', 'role'])

function readGrant(raw: unknown): TaskRouterGrant {
  if (!isJsonObject(raw)) invalidClaim('grants.task_router', 'must be an object', raw)
  for (const key of Object.keys(raw))
    if (!GRANT_KEYS.has(key)) invalidClaim('grants.task_router', 'has an unknown key', key)
  const role = raw['role']
  if (role !== undefined && !isRole(role)) {
    invalidClaim('grants.task_router.role', 'must be 1 to 64 letters, digits, _ or -', role)
  }
  return Object.freeze({
    workspaceSid: sidClaim(raw['workspace_sid'], 'grants.task_router.workspace_sid', 'workspaceSid'),
    ...(raw['worker_sid'] === undefined
      ? {}
      : { workerSid: sidClaim(raw['worker_sid'], 'grants.task_router.worker_sid', 'workerSid') }),
    ...(role === undefined ? {} : { role: role as string }),
  })
}

function readAccessClaims(claims: Record<string, unknown>, expected: ExpectedClaims): DecodedAccessToken {
  for (const claim of Object.keys(claims))
    if (!ACCESS_CLAIMS.has(claim)) invalidClaim(claim, 'is not an access-token claim', claim)
  const apiKeySid = sidClaim(claims['iss'], 'iss', 'apiKeySid')
  const accountSid = sidClaim(claims['sub'], 'sub', 'accountSid')
  if (expected.accountSid !== undefined && accountSid !== expected.accountSid) {
    throw new CapabilityError('ERR_TOKEN_ISSUER', `claim sub must be ${expected.accountSid}, got ${quote(accountSid)}`)
  }
  const jti = claims['jti']
  // twilio-node reads the clock twice (for jti and iat), so only the key prefix is exact.
  if (typeof jti !== 'string' || !jti.startsWith(`${apiKeySid}-`) || !/^\d+$/.test(jti.slice(35))) {
    invalidClaim('jti', `must be "${apiKeySid}-" and the issue time`, jti)
  }
  const iat = secondsClaim(claims['iat'], 'iat')
  const exp = secondsClaim(claims['exp'], 'exp')
  const ttl = ttlClaim(iat, exp)
  const grants = claims['grants']
  if (!isJsonObject(grants)) invalidClaim('grants', 'must be an object', grants)
  for (const key of Object.keys(grants)) {
    if (key !== 'identity' && key !== 'task_router')
      invalidClaim('grants', 'holds a grant other than identity and task_router', key)
  }
  const identity = nameClaim(grants['identity'], 'grants.identity')
  const taskRouter = grants['task_router'] === undefined ? undefined : readGrant(grants['task_router'])
  if (expected.workspaceSid !== undefined && taskRouter?.workspaceSid !== expected.workspaceSid) {
    throw new CapabilityError(
      'ERR_TOKEN_ISSUER',
      `claim grants.task_router.workspace_sid must be ${expected.workspaceSid}, got ${quote(taskRouter?.workspaceSid)}`,
    )
  }
  return Object.freeze({
    accountSid,
    apiKeySid,
    identity,
    ttl,
    ...(claims['nbf'] === undefined ? {} : { notBefore: secondsClaim(claims['nbf'], 'nbf') }),
    ...(taskRouter === undefined ? {} : { taskRouter }),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  })
}

/** Reads access-token claims back into a frozen record, as strictly as the builder checks. @internal */
export function fromAccessClaims(
  call: string,
  claims: Record<string, unknown>,
  expected: ExpectedClaims = {},
): DecodedAccessToken {
  return readingClaims(call, () => readAccessClaims(claims, expected))
}
