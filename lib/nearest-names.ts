const editDistance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost)
    }
    prev = row
  }
  return prev[b.length] as number
}

/** Up to `max` names close to `wanted` (typos, case, a part of the name), nearest first. */
export const nearestNames = (wanted: string, names: Iterable<string>, max = 3): string[] => {
  const lower = wanted.toLowerCase()
  const limit = Math.max(2, Math.floor(wanted.length / 3))
  return [...names]
    .map(name => {
      const n = name.toLowerCase()
      const d = n.includes(lower) || lower.includes(n) ? 0.5 : editDistance(lower, n)
      return { name, d }
    })
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1))
    .slice(0, max)
    .map(({ name }) => name)
}
