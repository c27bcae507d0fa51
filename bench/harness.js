// A small, careful benchmark harness: candidates run side by side in one process, in
// interleaved rounds (a fresh random order each round, so drift and warm-up hit all
// alike), and each is summarised by its median time per batch.
import { performance } from 'node:perf_hooks'

/** Shuffles in place (Fisher–Yates). */
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}

/** Written after every comparison, so the work stays observable and is not optimised away. */
export let observed = 0

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Runs every candidate `rounds` times (after `warmup` untimed rounds); each run calls
 * `fn()` once, which does `opsPerRun` operations. Returns, per candidate, the median
 * nanoseconds per operation and operations per second.
 *
 * @param {Record<string, () => unknown | Promise<unknown>>} candidates
 */
export async function compare(candidates, { rounds = 25, warmup = 3, opsPerRun = 1 } = {}) {
  const names = Object.keys(candidates)
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  let sink = 0
  for (let round = 0; round < warmup + rounds; round++) {
    for (const name of shuffle([...names])) {
      const start = performance.now()
      const result = candidates[name]()
      if (result instanceof Promise) sink ^= (await result) ? 1 : 0
      else sink ^= result ? 1 : 0
      const elapsed = performance.now() - start
      if (round >= warmup) samples[name].push(elapsed)
    }
  }
  const results = {}
  for (const name of names) {
    const nsPerOp = (median(samples[name]) * 1e6) / opsPerRun
    results[name] = { nsPerOp, opsPerSecond: 1e9 / nsPerOp, rounds }
  }
  observed = sink
  return results
}
