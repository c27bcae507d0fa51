import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toClaims } from '../../src/index.js'
import { chain, run, snapshot } from '../arbitraries.js'
import { NOW } from '../fixtures.js'

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen)
}

describe('the chain, for random targets and call sequences', () => {
  it('never changes an earlier builder or record', () => {
    fc.assert(
      fc.property(chain, ({ start, steps }) => {
        const builders = run(start, steps)
        const before = builders.map((b) => snapshot(b.build()))
        // Branch from every builder again: the originals must not move.
        for (const builder of builders) for (const s of steps) s.apply(builder)
        expect(builders.map((b) => snapshot(b.build()))).toStrictEqual(before)
      }),
      { numRuns: 200 },
    )
  })

  it('returns a new builder for every call, and deeply frozen records', () => {
    fc.assert(
      fc.property(chain, ({ start, steps }) => {
        const builders = run(start, steps)
        for (const builder of builders) expect(isDeeplyFrozen(builder.build())).toBe(true)
        for (let i = 1; i < builders.length; i++) {
          // A step that threw (a conflicting random rule) hands back its input; every other returns a new builder.
          if (builders[i] !== builders[i - 1]) expect(builders.indexOf(builders[i] as never)).toBe(i)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('adds nothing when any step is repeated at once', () => {
    fc.assert(
      fc.property(chain, ({ start, steps }) => {
        let builder = start()
        for (const s of steps) {
          const once = s.apply(builder)
          expect(s.apply(once).build()).toStrictEqual(once.build())
          builder = once
        }
      }),
      { numRuns: 200 },
    )
  })

  it('never holds two policies that are the same rule', () => {
    fc.assert(
      fc.property(chain, ({ start, steps }) => {
        const { policies } = run(start, steps).at(-1)?.build() ?? { policies: [] }
        const keys = policies.map((p) =>
          JSON.stringify([p.url, p.method, sortKeys(p.queryFilter), sortKeys(p.postFilter)]),
        )
        expect(new Set(keys).size).toBe(keys.length)
      }),
      { numRuns: 200 },
    )
  })

  it('gives a pure toClaims: equal results, record untouched', () => {
    fc.assert(
      fc.property(chain, fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }), ({ start, steps }, seconds) => {
        const record = run(start, steps).at(-1)?.build()
        if (record === undefined) return
        const before = snapshot(record)
        const first = toClaims(record, { now: seconds * 1000 })
        const second = toClaims(record, { now: seconds * 1000 })
        expect(second).toStrictEqual(first)
        expect(snapshot(record)).toStrictEqual(before)
        expect(first.exp - first.iat).toBe(record.ttl)
        expect(toClaims(record, { now: NOW }).iat).toBe(1_700_000_000)
      }),
      { numRuns: 200 },
    )
  })
})

function sortKeys(filter: object): unknown {
  return Object.fromEntries(Object.entries(filter).sort(([a], [b]) => (a < b ? -1 : 1)))
}
