/** Adds `by` to `key`'s count in `map`; a count that falls to zero or below leaves the map. */
export function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n <= 0) {
    map.delete(key);
  } else {
    map.set(key, n);
  }
}
