// Longer than any name a person types: such a name gets no suggestion, and no
// profile name this long is suggested, so that a comparison costs at most
// MAX_NAME_LENGTH² steps, however long the names in the command or the config.
export const MAX_NAME_LENGTH = 100

// And all the suggestions of one process together (rm with hundreds of names, a
// config of thousands of profiles) stop at this many steps: a fraction of a second.
const STEP_BUDGET = 20_000_000
let stepsLeft = STEP_BUDGET

/** For tests: a fresh budget. */
export const resetSuggestionBudget = (): void => {
  stepsLeft = STEP_BUDGET
}

/** The edit distance of a and b, or limit + 1 when it is over `limit`. */
const editDistance = (a: string, b: string, limit: number): number => {
  // no fewer edits than the difference in length
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost)
      row[j] = d
      if (d < best) best = d
    }
    // a row's least value never falls in later rows
    if (best > limit) return limit + 1
    prev = row
  }
  return prev[b.length] as number
}

/** Up to `max` names close to `wanted` (typos, case, a part of the name), nearest first. */
export const nearestNames = (wanted: string, names: Iterable<string>, max = 3): string[] => {
  if (wanted.length > MAX_NAME_LENGTH) return []
  const lower = wanted.toLowerCase()
  const limit = Math.max(2, Math.floor(wanted.length / 3))
  const near: { name: string; d: number }[] = []
  for (const name of names) {
    if (name.length > MAX_NAME_LENGTH) continue
    const n = name.toLowerCase()
    stepsLeft -= lower.length * n.length + 1
    if (stepsLeft < 0) return []
    const d = n.includes(lower) || lower.includes(n) ? 0.5 : editDistance(lower, n, limit)
    if (d <= limit) near.push({ name, d })
  }
  return near
    .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1))
    .slice(0, max)
    .map(({ name }) => name)
}
