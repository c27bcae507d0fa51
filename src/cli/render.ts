import type { DecodedAccessToken } from '../claims/access.js'
import type { DecodedCapability } from '../claims/parse.js'
import type { Decision } from '../decide/decide.js'
import { describePolicy } from '../policy/policy.js'
import type { CapabilityRecord } from '../record.js'

const iso = (seconds: number) => new Date(seconds * 1000).toISOString()

/** The rules of a record, one line each. @internal */
export function ruleLines(record: CapabilityRecord): string[] {
  return record.policies.map(describePolicy)
}

/** A capability token (or record) described for a person, one fact a line. @internal */
export function describeCapability(record: CapabilityRecord | DecodedCapability): string[] {
  const times =
    'issuedAt' in record
      ? [`issued:    ${record.issuedAt.toISOString()}`, `expires:   ${record.expiresAt.toISOString()}`]
      : [`ttl:       ${record.ttl} s`]
  return [
    `${record.target} ${record.targetSid}`,
    `account:   ${record.accountSid}`,
    `workspace: ${record.workspaceSid}`,
    `channel:   ${record.channel}`,
    `name:      ${record.friendlyName}`,
    ...times,
    ...(record.notBefore === undefined ? [] : [`not before: ${iso(record.notBefore)}`]),
    `rules (${record.policies.length}):`,
    ...ruleLines(record).map((line) => `  ${line}`),
  ]
}

/** An access token described for a person. @internal */
export function describeAccessToken(record: DecodedAccessToken): string[] {
  const grant = record.taskRouter
  return [
    `access token for ${record.identity}`,
    `account:   ${record.accountSid}`,
    `api key:   ${record.apiKeySid}`,
    `issued:    ${record.issuedAt.toISOString()}`,
    `expires:   ${record.expiresAt.toISOString()}`,
    ...(record.notBefore === undefined ? [] : [`not before: ${iso(record.notBefore)}`]),
    grant === undefined
      ? 'task_router grant: none'
      : `task_router grant: workspace ${grant.workspaceSid}${grant.workerSid === undefined ? '' : `, worker ${grant.workerSid}`}${grant.role === undefined ? '' : `, role ${grant.role}`}`,
  ]
}

/** A decision as one line: ALLOWED/DENIED and the reason. @internal */
export function describeDecision(decision: Decision): string {
  return `${decision.allowed ? 'ALLOWED' : 'DENIED'}: ${decision.reason}`
}

/** A record as JSON, times as ISO strings. @internal */
export function toJson(record: object): string {
  return JSON.stringify(record, null, 2)
}
