import fc from 'fast-check'
import {
  type CapabilityRecord,
  capability,
  type HttpMethod,
  type TaskQueueCapabilityBuilder,
  type WorkerCapabilityBuilder,
  type WorkspaceCapabilityBuilder,
} from '../src/index.js'
import { AC, WS } from './fixtures.js'

export const hex32 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 })
export const sid = <P extends string>(prefix: P) => hex32.map((hex) => `${prefix}${hex}` as `${P}${string}`)

export const COMMON_PERMISSIONS = [
  'allowFetchSubresources',
  'allowUpdates',
  'allowUpdatesSubresources',
  'allowDelete',
  'allowDeleteSubresources',
] as const
export const WORKER_PERMISSIONS = [
  'allowFetchAttributes',
  'allowActivityUpdates',
  'allowReservationUpdates',
  'allowFetchReservations',
  ...COMMON_PERMISSIONS,
] as const

export type AnyBuilder = WorkerCapabilityBuilder | TaskQueueCapabilityBuilder | WorkspaceCapabilityBuilder

/** One step of a chain, applied to any builder. */
export type Step = { readonly name: string; readonly apply: (builder: AnyBuilder) => AnyBuilder }

const segmentName = fc.constantFrom('Workers', 'Tasks', 'TaskQueues', 'Activities', 'Statistics', 'Reservations')
const policyUrl = fc
  .tuple(fc.array(segmentName, { minLength: 0, maxLength: 3 }), fc.constantFrom('', '/*', '/**'))
  .map(
    ([segments, tail]) =>
      `https://taskrouter.twilio.com/v1/Workspaces/${WS}${segments.map((s) => `/${s}`).join('')}${tail}`,
  )
const filterValue = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
  fc.record({ required: fc.boolean() }),
  fc.record({ required: fc.boolean(), value: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) }),
)
export const filter = fc.dictionary(
  fc.constantFrom('ActivitySid', 'FriendlyName', 'Attributes', 'Priority'),
  filterValue,
  {
    maxKeys: 2,
  },
)
export const method = fc.constantFrom<HttpMethod>('GET', 'POST', 'DELETE')

/** A random rule step: allow or deny, with or without filters. */
export const ruleStep: fc.Arbitrary<Step> = fc
  .record({ allow: fc.boolean(), url: policyUrl, method, queryFilter: filter, postFilter: filter })
  .map(({ allow, url, method, queryFilter, postFilter }) => ({
    name: `${allow ? 'allow' : 'deny'}(${method} ${url} ${JSON.stringify([queryFilter, postFilter])})`,
    apply: (builder) => {
      try {
        return allow
          ? builder.allow(url, method, { queryFilter, postFilter })
          : builder.deny(url, method, { queryFilter, postFilter })
      } catch {
        return builder // a random rule may conflict with an earlier one; the chain goes on from the last good builder
      }
    },
  }))

export const step = (permissions: readonly string[]): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.constantFrom(...permissions).map((name) => ({
      name: `${name}()`,
      apply: (builder: AnyBuilder) => {
        try {
          return (builder as unknown as Record<string, () => AnyBuilder>)[name]?.() as AnyBuilder
        } catch {
          return builder // a permission may conflict with an earlier random deny; go on from the last good builder
        }
      },
    })),
    fc
      .integer({ min: 1, max: 86_400 })
      .map((seconds) => ({ name: `ttl(${seconds})`, apply: (b: AnyBuilder) => b.ttl(seconds) })),
    fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }).map((name) => ({
      name: `friendlyName(${name})`,
      apply: (b: AnyBuilder) => b.friendlyName(name),
    })),
    fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }).map((seconds) => ({
      name: `notBefore(${seconds})`,
      apply: (b: AnyBuilder) => b.notBefore(seconds * 1000),
    })),
    ruleStep,
  )

/** A random target and a random chain of steps on it. */
export const chain = fc.oneof(
  fc.record({
    start: sid('WK').map((s) => () => capability({ accountSid: AC, workspaceSid: WS }).forWorker(s) as AnyBuilder),
    steps: fc.array(step(WORKER_PERMISSIONS), { maxLength: 12 }),
  }),
  fc.record({
    start: sid('WQ').map((s) => () => capability({ accountSid: AC, workspaceSid: WS }).forTaskQueue(s) as AnyBuilder),
    steps: fc.array(step(COMMON_PERMISSIONS), { maxLength: 12 }),
  }),
  fc.record({
    start: fc.constant(() => capability({ accountSid: AC, workspaceSid: WS }).forWorkspace() as AnyBuilder),
    steps: fc.array(step(COMMON_PERMISSIONS), { maxLength: 12 }),
  }),
)

/** Applies every step, keeping each intermediate builder. */
export function run(start: () => AnyBuilder, steps: readonly Step[]): AnyBuilder[] {
  const builders = [start()]
  for (const s of steps) builders.push(s.apply(builders.at(-1) as AnyBuilder))
  return builders
}

/** A deep, plain copy of a record, to compare against later. */
export const snapshot = (record: CapabilityRecord): unknown => JSON.parse(JSON.stringify(record))
