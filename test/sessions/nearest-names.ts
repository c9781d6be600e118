// "Did you mean": the suggestions for a name as a person types it, and a
// bound on the work for a name, or a config, that no person typed.
import t from 'tap'
import { MAX_NAME_LENGTH, nearestNames, resetSuggestionBudget } from '../../lib/sessions/nearest-names.js'
import { prng } from '../helpers/prng.js'

// The comparison as it was before the bound: the specification for names of a usual length.
const unboundedDistance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    prev = row
  }
  return prev[b.length] as number
}
const reference = (wanted: string, names: string[], max = 3): string[] => {
  const lower = wanted.toLowerCase()
  const limit = Math.max(2, Math.floor(wanted.length / 3))
  return names
    .map(name => {
      const n = name.toLowerCase()
      return { name, d: n.includes(lower) || lower.includes(n) ? 0.5 : unboundedDistance(lower, n) }
    })
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1))
    .slice(0, max)
    .map(({ name }) => name)
}

t.test('typos, case and parts of a name', async t => {
  const names = ['readonly', 'dev-admin', 'prod-admin', 'sso-dev', 'Staging']
  t.same(nearestNames('redonly', names), ['readonly'])
  t.same(nearestNames('staging', names), ['Staging'])
  t.same(nearestNames('admin', names), ['dev-admin', 'prod-admin'])
  t.same(nearestNames('zzzzzz', names), [])
})

t.test('names of a usual length get the suggestions they always got', async t => {
  const r = prng(13)
  const letters = 'abcdeg-_'
  const word = (n: number) => Array.from({ length: n }, () => r.pick([...letters])).join('')
  for (let round = 0; round < 300; round++) {
    const names = Array.from({ length: 20 }, () => word(r.int(1, 14)))
    const wanted = r.next() < 0.5 ? word(r.int(1, 14)) : r.pick(names).slice(1) + word(r.int(0, 2))
    t.same(nearestNames(wanted, names), reference(wanted, names), `seed 13 round ${round}: ${wanted}`)
  }
})

t.test('a name over the sane length gets no suggestion, and none is suggested', async t => {
  const long = 'dev-admin'.padEnd(MAX_NAME_LENGTH + 1, 'x')
  t.same(nearestNames(long, [long, long.slice(0, -1), 'dev-admin']), [])
  t.same(nearestNames('dev-admin', [long, 'dev-admn']), ['dev-admn'])
  t.same(nearestNames('x'.repeat(MAX_NAME_LENGTH), ['x'.repeat(MAX_NAME_LENGTH - 1)]), [
    'x'.repeat(MAX_NAME_LENGTH - 1),
  ])
})

// Unbounded, each of these takes minutes (10,000² and 5,000 × 10,000 × 100
// steps per call); bounded, a blink. No timing is asserted: the file's
// timeout is the bound.
t.test('5,000 profiles and long names end at once', async t => {
  const r = prng(22)
  const profiles = Array.from({ length: 5_000 }, (_, i) => `profile-${i}-` + 'ab'.repeat(r.int(0, 5_000)))
  t.same(nearestNames('q'.repeat(10_000), profiles), [])
  const near = Array.from({ length: 5_000 }, (_, i) => `p${i}`.padEnd(MAX_NAME_LENGTH, 'y'))
  t.same(nearestNames('z'.repeat(MAX_NAME_LENGTH), near), [])
  t.same(nearestNames('q'.repeat(10_000), [...profiles, 'q'.repeat(9_999)]), [])
})

t.test('all the suggestions of one process together are bounded: past the budget, none', async t => {
  resetSuggestionBudget()
  const profiles = Array.from({ length: 5000 }, (_, i) => `q${String(i).padStart(4, '0')}-${'y'.repeat(90)}`)
  let calls = 0
  // 300 names of 96 characters, as `rm` with 300 mistyped names would ask: this took 73 s
  for (let i = 0; i < 300 && nearestNames(`q${String(i).padStart(4, '0')}-${'y'.repeat(89)}z`, profiles).length; i++)
    calls++
  t.ok(calls < 300, `suggestions stop once the budget is spent (after ${calls})`)
  t.same(nearestNames('q0001', profiles), [], 'and stay stopped')
  resetSuggestionBudget()
  t.same(nearestNames('lsit', ['list', 'env']), ['list'], 'a fresh budget suggests again')
})
