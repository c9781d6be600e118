// The list table in a terminal of a given width: columns measured in terminal
// cells (a CJK character or an emoji takes two), the widest names elided
// with … so that no row wraps, the expiry and the time left never cut.
import t from 'tap'
import stringWidth from 'string-width'
import { measureFor, renderTable } from '../../cli/table.js'
import type { ReadableSessionRecord, SessionRecord } from '../../lib/sessions/session-record.js'

const HOUR = 3600

const record = (profile: string, over: Partial<ReadableSessionRecord> = {}): ReadableSessionRecord => ({
  id: `id-${profile}`,
  file: `/cache/id-${profile}.json`,
  profiles: [profile],
  type: 'assume-role',
  accountId: '123456789999',
  roleArn: 'arn:aws:iam::123456789999:role/developer-role',
  roleName: 'developer-role',
  sessionName: 'vwalveranta',
  assumedRoleArn: 'arn:aws:sts::123456789999:assumed-role/developer-role/vwalveranta',
  accessKeyId: 'ASIAEXAMPLE',
  expiration: new Date(Date.now() + 2 * HOUR * 1000).toISOString(),
  expiresInSeconds: 2 * HOUR + 5 * 60 + 30,
  expired: false,
  error: null,
  active: false,
  ...over,
})

const LONG = 'a-fifty-five-character-profile-name-for-the-prod-admins' // 55
const CJK = '開発環境' // 4 characters, 8 cells
const EMOJI = 'prod-🚀' // 5 characters, 6 cells

const linesOf = (text: string): string[] => text.trimEnd().split('\n')

t.test('columns line up by display width, not by UTF-16 units', async t => {
  const lines = linesOf(await renderTable([record('dev'), record(CJK), record(EMOJI)], false))
  t.equal(LONG.length, 55)
  // where the ACCOUNT column starts, in cells, on every line
  const accountAt = lines.map(l => stringWidth(l.slice(0, l.search(/123456789999|ACCOUNT/))))
  t.same(new Set(accountAt).size, 1, `ACCOUNT starts at the same cell on every line: ${accountAt.join(', ')}`)
  t.equal(accountAt[0], stringWidth(CJK) + 2, 'the CJK name (8 cells) is the widest profile')
  for (const l of lines.slice(1)) t.match(l, /2h 5m$/)
})

t.test('no limit (a pipe): rows as wide as they are', async t => {
  const lines = linesOf(await renderTable([record(LONG), record('dev')], false))
  t.match(lines[1], new RegExp(`^${LONG}  `))
})

t.test('a 100-column terminal and a 55-character name: no row is wider, the name is elided', async t => {
  const records = [record(LONG), record(CJK), record(EMOJI), record('dev', { expiresInSeconds: 40, roleName: 'r' })]
  const lines = linesOf(await renderTable(records, false, 100))
  for (const l of lines) t.ok(stringWidth(l) <= 100, `fits in 100 cells (${stringWidth(l)}): ${l}`)
  t.match(
    lines[1],
    /^a-fifty-five-character-profile-.*…  123456789999  developer-role  vwalveranta  \d{4}-\d\d-\d\d \d\d:\d\d  2h 5m$/,
  )
  t.match(lines[2], new RegExp(`^${CJK}  +123456789999`), 'a short CJK name stays whole')
  t.match(lines[4], /  <1m$/, 'the time left is never cut')
  // the columns still line up
  const accountAt = lines.map(l => stringWidth(l.slice(0, l.search(/123456789999|ACCOUNT/))))
  t.equal(new Set(accountAt).size, 1, accountAt.join(', '))
})

t.test('the widest names give way first; expiry and time left never', async t => {
  const long = (s: string): string => s.repeat(40).slice(0, 40)
  const lines = linesOf(
    await renderTable([record('p', { roleName: long('role-'), sessionName: long('sess-') })], false, 80),
  )
  t.ok(stringWidth(lines[1] as string) <= 80, String(lines[1]))
  t.match(
    lines[1],
    /role-.*…  sess-.*…  \d{4}-\d\d-\d\d \d\d:\d\d  2h 5m$/,
    'ROLE and SESSION elided, EXPIRES and LEFT whole',
  )
  t.match(lines[1], /^p +123456789999/, 'the account id is whole')
  t.match(lines[0], /^PROFILE +ACCOUNT/, 'a column is never narrower than its header')
})

t.test('eliding cuts whole characters: a CJK character or an emoji is never split', async t => {
  const { elide } = await measureFor([CJK])
  t.equal(elide('abcdef', 6), 'abcdef')
  t.equal(elide('abcdefg', 6), 'abcde…')
  t.equal(elide(`${CJK}${CJK}`, 6), '開発…', 'two cells each: 2 + 2 + the ellipsis')
  t.equal(elide(`${CJK}${CJK}`, 7), '開発環…')
  t.equal(elide('ab🚀🚀🚀', 5), 'ab🚀…')
  t.equal(elide('ab🚀🚀🚀', 4), 'ab…', 'an emoji that would not fit whole is left out')
  t.equal(elide('👩‍👩‍👧‍👦👩‍👩‍👧‍👦', 3), '👩‍👩‍👧‍👦…', 'a family emoji (one grapheme, 2 cells) is kept or dropped whole')
  for (const w of [1, 2, 3, 4, 5, 6, 7]) t.ok(stringWidth(elide(`${CJK}${EMOJI}${LONG}`, w)) <= w, `width ${w}`)
})

t.test('an unreadable entry: its reason runs past the columns and widens none of them', async t => {
  const bad: SessionRecord = {
    ...record('broken'),
    profiles: [],
    id: 'broken',
    type: null,
    accountId: null,
    roleName: null,
    roleArn: null,
    sessionName: null,
    assumedRoleArn: null,
    accessKeyId: null,
    expiration: null,
    expiresInSeconds: null,
    expired: null,
    error: 'x'.repeat(120),
  }
  const lines = linesOf(await renderTable([record('dev'), bad], false, 100))
  t.match(lines[0], /EXPIRES {11}LEFT$/, 'LEFT as wide as its header and "2h 5m"')
  t.match(lines[2], /^- {2,}- .*unreadable broken: x{120}$/, 'the reason is shown whole')
})

t.test('plain ASCII is measured without string-width, the same way', async t => {
  const plain = await measureFor(['dev', 'developer-role'])
  const full = await measureFor([CJK])
  t.not(plain, full)
  for (const text of ['', 'a', LONG, 'with spaces  '])
    for (const w of [1, 2, 5, 30, 60])
      t.equal(plain.elide(text, w), full.elide(text, w), `${JSON.stringify(text)} in ${w}`)
  t.equal(plain.width(LONG), full.width(LONG))
})
