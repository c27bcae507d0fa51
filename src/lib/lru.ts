/**
 * A small bounded map that forgets the least recently used entry, so that caches keyed by
 * secrets cannot grow without end. @internal
 */
export class BoundedCache<K, V> {
  readonly #map = new Map<K, V>()
  readonly #limit: number

  constructor(limit: number) {
    this.#limit = limit
  }

  /** The value for `key`, made by `create` when absent. */
  get(key: K, create: (key: K) => V): V {
    const map = this.#map
    let value = map.get(key)
    if (value !== undefined) {
      // Move to the young end only when it is not already there: the common case is a
      // server signing with one secret, which then costs a single lookup.
      if (map.size > 1) {
        map.delete(key)
        map.set(key, value)
      }
      return value
    }
    value = create(key)
    map.set(key, value)
    if (map.size > this.#limit) map.delete(map.keys().next().value as K)
    return value
  }

  /** How many entries it holds. */
  get size(): number {
    return this.#map.size
  }
}
