import { AssertionError } from 'node:assert'
import { describe, expect, it } from 'vitest'
import { capability } from '../../src/index.js'
import { assertAllows, assertDenies, matchers } from '../../src/testing/index.js'
import { AC, AUTH_TOKEN, NOW, WK, WK_URL, WS } from '../fixtures.js'

const builder = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
  .forWorker(WK)
  .allowActivityUpdates()
const record = builder.build()
const token = builder.sign({ now: NOW })
const activity = { method: 'POST', url: WK_URL, form: { ActivitySid: 'WA1' } }
const attributes = { method: 'POST', url: WK_URL, form: { Attributes: '{}' } }

function assertionMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(AssertionError)
    return (error as AssertionError).message
  }
  throw new Error('expected an AssertionError')
}

describe('taskrouter-capability/testing', () => {
  it('assertAllows passes on a token or a record that allows, and returns the decision', () => {
    expect(assertAllows(token, activity).rule).toEqual(decodeRule())
    expect(assertAllows(record, activity).rule).toBe(record.policies[3])
  })

  it('assertAllows explains a denial', () => {
    expect(assertionMessage(() => assertAllows(token, attributes))).toBe(
      `Expected the token to allow POST ${WK_URL}, but POST ${WK_URL} is denied: no rule matches (ALLOW POST ${WK_URL} post {"ActivitySid":{"required":true}} does not match: parameter Attributes is not named by the post filter)`,
    )
  })

  it('assertDenies passes on a denial and names the allowing rule otherwise', () => {
    expect(assertDenies(record, attributes).allowed).toBe(false)
    expect(assertionMessage(() => assertDenies(record, activity))).toBe(
      `Expected the token to deny POST ${WK_URL}, but POST ${WK_URL} is allowed by ALLOW POST ${WK_URL} post {"ActivitySid":{"required":true}}`,
    )
  })

  it('matchers work with expect.extend', () => {
    expect.extend(matchers)
    const e = expect as unknown as (value: unknown) => {
      toAllow(r: object): void
      toDeny(r: object): void
      not: { toAllow(r: object): void }
    }
    e(token).toAllow(activity)
    e(record).toDeny(attributes)
    e(record).not.toAllow(attributes)
    expect(() => e(record).toDeny(activity)).toThrow(
      `Expected the token to deny POST ${WK_URL}, but POST ${WK_URL} is allowed by`,
    )
  })
})

function decodeRule() {
  // A decoded token's rules are new objects equal to the record's: compare by value.
  return expect.objectContaining({ url: WK_URL, method: 'POST' })
}
