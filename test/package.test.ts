import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import * as fromSource from '../src/index.js'

// These tests use the built package (`npm test` builds first), imported by its name as a
// user would: the package's own `exports` map resolves it.
describe('the package', () => {
  it('imports by name and exposes the same surface as the source', async () => {
    const pkg = await import('taskrouter-capability')
    expect(Object.keys(pkg).sort()).toStrictEqual(Object.keys(fromSource).sort())
  })

  it('exposes the testing helpers at their own subpath', async () => {
    const testing = await import('taskrouter-capability/testing')
    expect(Object.keys(testing).sort()).toStrictEqual(['assertAllows', 'assertDenies', 'matchers'])
  })

  it('loads with require() on Node 20.19+ (ESM-only output)', () => {
    const require = createRequire(import.meta.url)
    const pkg = require('taskrouter-capability') as typeof fromSource
    expect(typeof pkg.capability).toBe('function')
  })

  it('signs the same token from the built package as from the source', async () => {
    const pkg = await import('taskrouter-capability')
    const options = {
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      workspaceSid: 'WS0123456789abcdef0123456789abcdef',
      authToken: 'fake-auth-token-for-tests-0123456789',
    } as const
    const sign = (lib: typeof fromSource) =>
      lib
        .capability(options)
        .forWorker('WK0123456789abcdef0123456789abcdef')
        .allowActivityUpdates()
        .sign({ now: 1_700_000_000_000 })
    expect(sign(pkg as unknown as typeof fromSource)).toBe(sign(fromSource))
  })

  it('runs under plain node from a CommonJS script', () => {
    const out = execFileSync(process.execPath, [
      '-e',
      "const t = require('taskrouter-capability'); console.log(typeof t.capability, t.DEFAULT_TTL_SECONDS)",
    ]).toString()
    expect(out).toBe('function 3600\n')
  })
})
