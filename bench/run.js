// npm run bench: the performance targets of SPEC.md, measured side by side in one
// process and reported as ratios. Writes bench/results.json (not committed) and the chart
// docs/performance-rules.svg. Run with --expose-gc (the npm script does) for the memory part.
import { spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createSigner, createVerifier } from 'fast-jwt'
import * as jose from 'jose'
import jsonwebtoken from 'jsonwebtoken'
import { capability, decide, toClaims, verify } from 'taskrouter-capability'
import { compare, median } from './harness.js'

const require = createRequire(import.meta.url)
const {
  default: TaskRouterCapability,
  Policy: TwilioPolicy,
} = require('twilio/lib/jwt/taskrouter/TaskRouterCapability.js')

const quick = process.argv.includes('--quick')
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7)
const wants = (section) => only === undefined || only === section
const ROUNDS = quick ? 5 : 25
const AC = 'AC0123456789abcdef0123456789abcdef'
const WS = 'WS0123456789abcdef0123456789abcdef'
const AUTH_TOKEN = 'bench-auth-token-not-a-real-secret-0000'
const WS_URL = `https://taskrouter.twilio.com/v1/Workspaces/${WS}`
const EB = 'https://event-bridge.twilio.com/v1/wschannels'
const hex = (n) => n.toString(16).padStart(32, '0')
const WORKERS = Array.from({ length: 1000 }, (_, i) => `WK${hex(i + 1)}`)
const results = { node: process.version, date: new Date().toISOString(), sections: {} }
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2))

function table(title, rows, headers) {
  console.log(`\n## ${title}\n`)
  const all = [headers, ...rows]
  const widths = headers.map((_, i) => Math.max(...all.map((row) => String(row[i]).length)))
  for (const [index, row] of all.entries()) {
    console.log(`| ${row.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`)
    if (index === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`)
  }
}

/** A table of per-token results, with a ratio column. */
function tokenTable(title, measured, { heading, ratio }) {
  const rows = Object.entries(measured).map(([name, r]) => [
    name,
    fmt(r.opsPerSecond),
    fmt(r.nsPerOp / 1000),
    `${ratio(r).toFixed(2)}x`,
  ])
  table(title, rows, ['candidate', 'tokens/s', 'µs/token', heading])
}

// The seed's worker policies, written out by hand as a user of bare libraries would.
function handClaims(workerSid, iat) {
  const worker = `${WS_URL}/Workers/${workerSid}`
  const channel = `${EB}/${AC}/${workerSid}`
  const policy = (url, method, post_filter = {}) => ({ url, method, query_filter: {}, post_filter, allow: true })
  return {
    iss: AC,
    iat,
    exp: iat + 600,
    version: 'v1',
    friendly_name: workerSid,
    account_sid: AC,
    workspace_sid: WS,
    channel: workerSid,
    worker_sid: workerSid,
    policies: [
      policy(channel, 'GET'),
      policy(channel, 'POST'),
      policy(`${WS_URL}/Activities`, 'GET'),
      policy(worker, 'GET'),
      policy(worker, 'POST', { ActivitySid: { required: true } }),
      policy(`${WS_URL}/Tasks/**`, 'POST'),
      policy(`${worker}/Reservations/**`, 'POST'),
    ],
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000)
const HEADER = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')

// --- mint -------------------------------------------------------------------------
async function mintSection() {
  const fastSigner = createSigner({ key: AUTH_TOKEN, algorithm: 'HS256' })
  const start = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
  let sink = ''
  const candidates = {
    'ours: capability(creds).forWorker().….sign()': () => {
      for (const sid of WORKERS) {
        sink = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
          .forWorker(sid)
          .allowFetchAttributes()
          .allowActivityUpdates()
          .allowReservationUpdates()
          .ttl(600)
          .sign()
      }
      return sink
    },
    'ours, factory kept: start.forWorker().….sign()': () => {
      for (const sid of WORKERS) {
        sink = start
          .forWorker(sid)
          .allowFetchAttributes()
          .allowActivityUpdates()
          .allowReservationUpdates()
          .ttl(600)
          .sign()
      }
      return sink
    },
    'bare fast-jwt (claims by hand)': () => {
      for (const sid of WORKERS) sink = fastSigner(handClaims(sid, nowSeconds()))
      return sink
    },
    'jsonwebtoken (claims by hand)': () => {
      for (const sid of WORKERS)
        sink = jsonwebtoken.sign(handClaims(sid, nowSeconds()), AUTH_TOKEN, { noTimestamp: true })
      return sink
    },
    'twilio-node TaskRouterCapability': () => {
      for (const sid of WORKERS) {
        const twilio = new TaskRouterCapability({
          accountSid: AC,
          authToken: AUTH_TOKEN,
          workspaceSid: WS,
          channelId: sid,
          ttl: 600,
        })
        for (const p of handClaims(sid, 0).policies) {
          twilio.addPolicy(new TwilioPolicy({ url: p.url, method: p.method, postFilter: p.post_filter, allow: true }))
        }
        sink = twilio.toJwt()
      }
      return sink
    },
    'node:crypto HMAC, no library (floor)': () => {
      for (const sid of WORKERS) {
        const input = `${HEADER}.${Buffer.from(JSON.stringify(handClaims(sid, nowSeconds()))).toString('base64url')}`
        sink = `${input}.${createHmac('sha256', AUTH_TOKEN).update(input).digest('base64url')}`
      }
      return sink
    },
  }
  const measured = await compare(candidates, { rounds: ROUNDS, opsPerRun: WORKERS.length })
  const ours = measured['ours: capability(creds).forWorker().….sign()']
  tokenTable('Mint: 1,000 distinct worker tokens, seed permissions (median of interleaved rounds)', measured, {
    heading: 'ours (full chain) vs this',
    ratio: (r) => ours.opsPerSecond / r.opsPerSecond,
  })
  results.sections.mint = measured
  return {
    vsFastJwt: ours.opsPerSecond / measured['bare fast-jwt (claims by hand)'].opsPerSecond,
    vsTwilio: ours.opsPerSecond / measured['twilio-node TaskRouterCapability'].opsPerSecond,
    keptVsFastJwt:
      measured['ours, factory kept: start.forWorker().….sign()'].opsPerSecond /
      measured['bare fast-jwt (claims by hand)'].opsPerSecond,
  }
}

// --- verify -----------------------------------------------------------------------
async function verifySection() {
  const start = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
  // The same 1,000 tokens every round, as a server sees a browser's token again and again
  // (verify() keeps no cache of results, so every call checks and parses everything).
  const tokens = WORKERS.map((sid) =>
    start.forWorker(sid).allowFetchAttributes().allowActivityUpdates().allowReservationUpdates().sign(),
  )
  const fastVerifier = createVerifier({ key: AUTH_TOKEN, algorithms: ['HS256'] })
  const joseKey = new TextEncoder().encode(AUTH_TOKEN)
  let sink
  const measured = await compare(
    {
      'ours: verify(token, authToken)': () => {
        for (const token of tokens) sink = verify(token, AUTH_TOKEN)
        return sink
      },
      'bare fast-jwt verifier': () => {
        for (const token of tokens) sink = fastVerifier(token)
        return sink
      },
      'jsonwebtoken.verify': () => {
        for (const token of tokens) sink = jsonwebtoken.verify(token, AUTH_TOKEN, { algorithms: ['HS256'] })
        return sink
      },
      'jose.jwtVerify (async)': async () => {
        for (const token of tokens) sink = await jose.jwtVerify(token, joseKey, { algorithms: ['HS256'] })
        return sink
      },
    },
    { rounds: ROUNDS, opsPerRun: tokens.length },
  )
  const bare = measured['bare fast-jwt verifier']
  tokenTable('Verify + parse: 1,000 worker tokens per round', measured, {
    heading: 'vs bare fast-jwt',
    ratio: (r) => r.opsPerSecond / bare.opsPerSecond,
  })
  results.sections.verify = measured
  return { vsFastJwt: measured['ours: verify(token, authToken)'].opsPerSecond / bare.opsPerSecond }
}

// --- decide and scaling with the number of rules ----------------------------------
function recordWith(rules) {
  // `rules` rules in all: the worker's 3 defaults plus allow() rules on distinct queues.
  let builder = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN }).forWorker(WORKERS[0])
  for (let i = 3; i < rules; i++) builder = builder.allow(`${WS_URL}/TaskQueues/WQ${hex(i)}`, 'GET')
  return builder
}

async function decideSection() {
  const seed = capability({ accountSid: AC, workspaceSid: WS })
    .forWorker(WORKERS[0])
    .allowFetchAttributes()
    .allowActivityUpdates()
    .allowReservationUpdates()
    .build()
  const worker = `${WS_URL}/Workers/${WORKERS[0]}`
  const requests = [
    { method: 'POST', url: `${worker}/Reservations/WR${hex(7)}`, form: { ReservationStatus: 'accepted' } },
    { method: 'POST', url: worker, form: { ActivitySid: `WA${hex(1)}` } },
    { method: 'POST', url: worker, form: { Attributes: '{}' } },
    { method: 'GET', url: `${WS_URL}/Activities` },
    { method: 'DELETE', url: worker },
  ]
  const BATCH = 10_000
  let sink
  const measured = await compare(
    {
      'decide() on the seed worker record': () => {
        for (let i = 0; i < BATCH; i++) sink = decide(seed, requests[i % requests.length])
        return sink
      },
    },
    { rounds: ROUNDS, opsPerRun: BATCH },
  )
  const r = measured['decide() on the seed worker record']
  table(
    'decide()',
    [['seed worker record, 5 mixed requests', fmt(r.opsPerSecond), fmt(r.nsPerOp)]],
    ['case', 'decisions/s', 'ns/decision'],
  )
  results.sections.decide = measured

  const sizes = [1, 2, 4, 8, 16, 32, 64]
  const scaling = []
  for (const size of sizes) {
    // decide() takes any rule list; a token always holds its target's 3 defaults, so
    // mint and verify start at 3 rules.
    const policies = Object.freeze(
      Array.from({ length: size }, (_, i) =>
        Object.freeze({
          url: `${WS_URL}/TaskQueues/WQ${hex(i)}`,
          method: 'GET',
          queryFilter: {},
          postFilter: {},
          allow: true,
        }),
      ),
    )
    const last = { method: 'GET', url: `${WS_URL}/TaskQueues/WQ${hex(size - 1)}` }
    const N = 500
    const candidates = {
      decide: () => {
        for (let i = 0; i < N * 10; i++) sink = decide(policies, last)
        return sink
      },
    }
    const token = size >= 3 ? recordWith(size).sign() : undefined
    if (token !== undefined) {
      candidates.mint = () => {
        for (let i = 0; i < N; i++) sink = recordWith(size).sign()
        return sink
      }
      candidates.verify = () => {
        for (let i = 0; i < N; i++) sink = verify(token, AUTH_TOKEN)
        return sink
      }
    }
    const m = await compare(candidates, { rounds: quick ? 3 : 9, opsPerRun: N })
    scaling.push({
      rules: size,
      mintUs: m.mint === undefined ? undefined : m.mint.nsPerOp / 1000,
      verifyUs: m.verify === undefined ? undefined : m.verify.nsPerOp / 1000,
      decideUs: m.decide.nsPerOp / 10 / 1000,
    })
  }
  table(
    'Cost against the number of rules (µs per operation; a token holds at least its 3 defaults)',
    scaling.map((s) => [
      s.rules,
      s.mintUs === undefined ? '-' : fmt(s.mintUs),
      s.verifyUs === undefined ? '-' : fmt(s.verifyUs),
      s.decideUs.toFixed(3),
    ]),
    ['rules', 'mint (chain with allow() + sign)', 'verify + parse', 'decide'],
  )
  results.sections.scaling = scaling
  writeChart(scaling)
}

function writeChart(scaling) {
  const W = 640
  const H = 360
  const pad = { left: 56, right: 150, top: 24, bottom: 44 }
  const maxY = Math.max(...scaling.flatMap((s) => [s.mintUs ?? 0, s.verifyUs ?? 0, s.decideUs])) * 1.1
  const xs = scaling.map((s) => s.rules)
  const x = (rules) =>
    pad.left +
    ((Math.log2(rules) - Math.log2(xs[0])) / (Math.log2(xs.at(-1)) - Math.log2(xs[0]))) * (W - pad.left - pad.right)
  const y = (us) => H - pad.bottom - (us / maxY) * (H - pad.top - pad.bottom)
  const series = [
    ['mintUs', 'mint (chain + sign)', '#1f77b4'],
    ['verifyUs', 'verify + parse', '#d62728'],
    ['decideUs', 'decide', '#2ca02c'],
  ]
  const lines = series.map(([key, label, color], i) => {
    const points = scaling
      .filter((s) => s[key] !== undefined)
      .map((s) => `${x(s.rules).toFixed(1)},${y(s[key]).toFixed(1)}`)
      .join(' ')
    return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>
  <text x="${W - pad.right + 10}" y="${pad.top + 16 + i * 18}" fill="${color}" font-size="12">${label}</text>`
  })
  const ticks = xs
    .map(
      (r) => `<text x="${x(r).toFixed(1)}" y="${H - pad.bottom + 16}" font-size="11" text-anchor="middle">${r}</text>`,
    )
    .join('\n  ')
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = f * maxY
      return `<text x="${pad.left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${v.toFixed(0)}</text>
  <line x1="${pad.left}" x2="${W - pad.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`
    })
    .join('\n  ')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
  <title>Cost per operation against the number of rules: mint, verify and decide</title>
  <rect width="${W}" height="${H}" fill="white"/>
  <text x="${pad.left}" y="16" font-size="13">Cost per operation (µs) against number of rules, ${process.version}</text>
  ${yTicks}
  ${ticks}
  <text x="${(pad.left + W - pad.right) / 2}" y="${H - 8}" font-size="12" text-anchor="middle">rules in the token (log scale)</text>
  ${lines.join('\n  ')}
</svg>
`
  writeFileSync(fileURLToPath(new URL('../docs/performance-rules.svg', import.meta.url)), svg)
}

// --- cold import --------------------------------------------------------------------
function importSection() {
  const cwd = fileURLToPath(new URL('..', import.meta.url))
  const scripts = {
    'node (nothing)': '',
    'fast-jwt': "import('fast-jwt')",
    'taskrouter-capability': "import('taskrouter-capability')",
    twilio: "import('twilio')",
  }
  const samples = Object.fromEntries(Object.keys(scripts).map((k) => [k, []]))
  const runs = quick ? 5 : 15
  for (let i = 0; i < runs + 1; i++) {
    for (const [name, script] of Object.entries(scripts).sort(() => Math.random() - 0.5)) {
      const t = performance.now()
      spawnSync(process.execPath, ['-e', script], { cwd })
      if (i > 0) samples[name].push(performance.now() - t)
    }
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
  table(
    `Cold import, whole processes (median of ${runs})`,
    Object.entries(medians).map(([name, ms]) => [name, ms.toFixed(1), (ms - medians['node (nothing)']).toFixed(1)]),
    ['import', 'ms', 'ms over bare node'],
  )
  results.sections.import = medians
  return { addedMs: medians['taskrouter-capability'] - medians['fast-jwt'] }
}

// --- memory -------------------------------------------------------------------------
function memorySection() {
  if (typeof globalThis.gc !== 'function') {
    console.log('\n## Memory\n\nskipped: run with node --expose-gc')
    return undefined
  }
  const secrets = Array.from(
    { length: 10_000 },
    (_, i) => `bench-secret-${String(i).padStart(6, '0')}-not-real-0000000`,
  )
  const starts = secrets.map((authToken) => capability({ accountSid: AC, workspaceSid: WS, authToken }))
  const total = quick ? 200_000 : 1_000_000
  const step = total / 10
  const heap = []
  let sink
  for (let i = 0; i < total; i++) {
    if (i % step === 0) {
      globalThis.gc()
      heap.push(process.memoryUsage().heapUsed / 2 ** 20)
    }
    const secret = i % secrets.length
    sink = starts[secret]
      .forWorker(WORKERS[i % WORKERS.length])
      .allowActivityUpdates()
      .sign()
    if (i % 100 === 0) verify(sink, secrets[secret])
  }
  globalThis.gc()
  heap.push(process.memoryUsage().heapUsed / 2 ** 20)
  // From the first sample after warm-up (caches full) to the highest seen after it.
  const growth = Math.max(...heap.slice(1)) - heap[1]
  table(
    `Memory: heap (MiB, after gc) across ${total.toLocaleString('en')} mints (and one verify in 100) over 10,000 auth tokens`,
    heap.map((mb, i) => [(i * step).toLocaleString('en'), mb.toFixed(1)]),
    ['mints so far', 'heap MiB'],
  )
  results.sections.memory = { heapMiB: heap, growthMiB: growth }
  return { growthMiB: growth, sink }
}

// --- main -----------------------------------------------------------------------------
const began = performance.now()
console.log(`# taskrouter-capability benchmarks (${process.version}, ${quick ? 'quick' : 'full'} run)`)
// Sanity: our chain and the hand-built claims say the same thing.
{
  const now = nowSeconds()
  const ours = capability({ accountSid: AC, workspaceSid: WS })
    .forWorker(WORKERS[0])
    .allowFetchAttributes()
    .allowActivityUpdates()
    .allowReservationUpdates()
    .ttl(600)
    .build()
  if (JSON.stringify(toClaims(ours, { now: now * 1000 })) !== JSON.stringify(handClaims(WORKERS[0], now))) {
    throw new Error('the hand-built claims differ from ours: the comparison would be unfair')
  }
}
const mint = wants('mint') ? await mintSection() : undefined
const verified = wants('verify') ? await verifySection() : undefined
if (wants('decide')) await decideSection()
const imported = wants('import') ? importSection() : undefined
const memory = wants('memory') ? memorySection() : undefined

const targets = []
if (mint) {
  targets.push(['mint vs bare fast-jwt', `${mint.vsFastJwt.toFixed(2)}x`, '>= 0.9x', mint.vsFastJwt >= 0.9])
  targets.push(['mint vs twilio-node', `${mint.vsTwilio.toFixed(1)}x`, '>= 20x', mint.vsTwilio >= 20])
}
if (verified) {
  const ratio = verified.vsFastJwt
  targets.push(['verify + parse vs bare fast-jwt', `${ratio.toFixed(2)}x`, '>= 0.9x', ratio >= 0.9])
}
if (imported) {
  targets.push(['import added over fast-jwt', `${imported.addedMs.toFixed(1)} ms`, '<= 10 ms', imported.addedMs <= 10])
}
if (memory) {
  targets.push([
    'heap growth over the mints',
    `${memory.growthMiB.toFixed(1)} MiB`,
    'flat (< 8 MiB)',
    memory.growthMiB < 8,
  ])
}
table(
  'Targets (SPEC.md "Performance targets")',
  targets.map(([name, value, target, met]) => [name, value, target, met ? 'met' : 'MISSED']),
  ['measure', 'value', 'target', 'result'],
)
if (mint) console.log(`\n(mint with the factory kept: ${mint.keptVsFastJwt.toFixed(2)}x bare fast-jwt)`)
results.targets = Object.fromEntries(targets.map(([name, value, target, met]) => [name, { value, target, met }]))
writeFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`)
const chart = wants('decide') ? ' and docs/performance-rules.svg' : ''
console.log(`\nbench/results.json${chart} written in ${((performance.now() - began) / 1000).toFixed(0)} s`)
