import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidPolicyUrl, policyUrlProblem } from '../../src/policy/url.js'

// The one-pass check that runs on every token must agree exactly with the rules as
// written in regular expressions (which also word the error messages).
const piece = fc.constantFrom(
  'https://',
  'http://',
  'taskrouter.twilio.com',
  'a-b.c',
  '-a',
  'a-',
  '.',
  '..',
  '/',
  '//',
  '*',
  '**',
  '***',
  'Workers',
  'WK0123',
  '_~',
  '?',
  '#',
  ':443',
  '@',
  ' ',
  'é',
  'A',
  '-',
)
const urlish = fc.oneof(
  fc.array(piece, { maxLength: 10 }).map((parts) => parts.join('')),
  fc
    .tuple(fc.array(piece, { maxLength: 6 }), fc.array(piece, { maxLength: 6 }))
    .map(([host, path]) => `https://${host.join('')}/${path.join('')}`),
  fc.string({ maxLength: 40 }).map((tail) => `https://taskrouter.twilio.com/v1/${tail}`),
)

describe('policy URL checks', () => {
  it('the fast check accepts exactly what the written rules accept', () => {
    fc.assert(
      fc.property(urlish, (url) => {
        expect(isValidPolicyUrl(url)).toBe(policyUrlProblem(url) === undefined)
      }),
      { numRuns: 20_000 },
    )
  })

  it.each([
    ['https://taskrouter.twilio.com/v1/Workspaces/WS1/Workers/*', true],
    ['https://taskrouter.twilio.com/v1/Workspaces/**', true],
    ['https://event-bridge.twilio.com/v1/wschannels/AC1/WK1', true],
    ['https://a/b', true],
    ['https://a-/b', false],
    ['https://a..b/c', false],
    ['https://a/b/', false],
    ['https://a/./b', false],
    ['https://a/.../b', true],
    ['https://a/*/b', false],
    [`https://a/${'b'.repeat(2040)}`, false],
  ])('%s → %s', (url, valid) => {
    expect(isValidPolicyUrl(url)).toBe(valid)
    expect(policyUrlProblem(url) === undefined).toBe(valid)
  })
})
