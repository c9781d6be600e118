// parseIni against Python's own configparser.RawConfigParser (what the AWS CLI
// uses), on a few thousand generated texts: a text Python reads must give no
// problem, a text Python refuses at least one; and the sections must be what
// Python holds after reading the whole text without strict mode (which is how
// parseIni reads on), whenever Python gets to the end of it. A failing case
// prints its seed and text.
import { spawnSync } from 'node:child_process'
import t from 'tap'
import { parseIni } from '../../lib/aws/config-parser.js'
import { pyStrip, pyStrippingFor } from '../../lib/aws/py-strip.js'
import { prng, type Prng } from '../helpers/prng.js'
import { hasCommand, missingReason } from '../helpers/shells.js'

const PYTHON = `
import configparser, json, sys
def universal(text):
    # botocore reads the file: open() reads with universal newlines, read_string would not
    return text.replace('\\r\\n', '\\n').replace('\\r', '\\n')

out = []
for text in json.load(sys.stdin):
    try:
        configparser.RawConfigParser().read_string(universal(text))
        refused = False
    except configparser.Error:
        refused = True
    p = configparser.RawConfigParser(strict=False)
    try:
        p.read_string(universal(text))
    except configparser.MissingSectionHeaderError:
        p = None  # it stops the reading: nothing to compare
    except configparser.ParsingError:
        pass  # bad lines are collected and raised once the whole text is read: p holds it all
    state = None if p is None else [[s, dict(p.items(s))] for s in p.sections()]
    out.append({'refused': refused, 'state': state})
json.dump(out, sys.stdout)
`

const NAMES = ['a', 'profile dev', 'Profile X', 'DEFAULT', 'default', 'sso-session s', 'a.b', 'a]b', ' x ']
const KEYS = ['region', 'Role_Arn', 'x', 'X', 'sso_session', 'k k', 'a.b', '']
const VALUES = ['eu-west-1', '', 'a = b', 'x:y', ' quoted "v" ', '#not a comment', 'é', 'v\u00a0', '\u3000v']
const SPACE = ['', ' ', '  ', '\t', '\x0b', '\u00a0', '\u2003']
// what Python strips and JavaScript's trim() does not, or the other way
// round: a text with one of these is stripped by the loops of
// lib/aws/py-strip.ts, any other by JavaScript's trim methods
const UNLIKE = ['\x1c', '\x1f', '\x85', '\ufeff']
const NEWLINES = ['\n', '\n', '\n', '\r\n', '\r']

const line = (r: Prng, space: string[]): string => {
  const ws = () => r.pick(space)
  switch (r.int(0, 9)) {
    case 0:
    case 1:
      return `${r.int(0, 5) ? '' : ws()}[${r.pick(NAMES)}]${r.int(0, 6) ? '' : ' trailing'}`
    case 2:
    case 3:
    case 4:
      return `${r.int(0, 4) ? '' : ws()}${r.pick(KEYS)}${ws()}${r.pick(['=', ':', ' = ', ' : '])}${ws()}${r.pick(VALUES)}${ws()}`
    case 5:
      return `${r.pick(['  ', '\t', '    '])}${r.pick(VALUES)}`
    case 6:
      return ws()
    case 7:
      return `${r.int(0, 2) ? '' : '  '}${r.pick(['#', ';'])} comment`
    case 8:
      return r.pick(['garbage', '[', ']', '[]', '=', 'x'])
    default:
      return `${r.pick(KEYS)}=${r.pick(VALUES)}`
  }
}

const text = (r: Prng): string => {
  const space = r.int(0, 1) ? SPACE : [...SPACE, ...UNLIKE]
  const lines = Array.from({ length: r.int(0, 12) }, () => line(r, space))
  // most files start with a section: Python stops at text before the first one
  if (r.int(0, 4)) lines.unshift(`[${r.pick(NAMES)}]`)
  let out = r.int(0, 30) ? '' : '\ufeff'
  for (const l of lines) out += l + r.pick(NEWLINES)
  return r.int(0, 3) ? out : out.slice(0, -1)
}

const skip = !hasCommand('python3') && missingReason('python3')

t.test('parseIni reads what Python configparser reads, and flags what it refuses', { skip }, async t => {
  const seed = Number(process.env.AWSCACHE_TEST_SEED ?? Date.now() % 1_000_000)
  const r = prng(seed)
  const texts = Array.from({ length: 3000 }, () => text(r))
  const py = spawnSync('python3', ['-c', PYTHON], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  t.equal(py.status, 0, py.stderr)
  const expected = JSON.parse(py.stdout) as { refused: boolean; state: null | [string, Record<string, string>][] }[]
  let refused = 0
  let compared = 0
  let mismatches = 0
  const mismatch = (message: string): void => {
    if (mismatches++ < 5) t.fail(message)
  }
  texts.forEach((input, i) => {
    const ours = parseIni(input)
    const python = expected[i] as (typeof expected)[number]
    const where = `seed ${seed}, text ${i}: ${JSON.stringify(input)}`
    if (python.refused) refused++
    if (python.refused && ours.problemCount === 0) mismatch(`Python refuses, parseIni reports nothing (${where})`)
    if (!python.refused && ours.problemCount > 0)
      mismatch(`Python reads it, parseIni reports ${ours.problems[0]} (${where})`)
    if (python.state === null) return
    compared++
    const got = [...ours.sections].map(([name, values]) => [name, { ...values }])
    if (JSON.stringify(got) !== JSON.stringify(python.state)) {
      mismatch(
        `sections differ (${where}):\n  parseIni ${JSON.stringify(got)}\n  Python   ${JSON.stringify(python.state)}`,
      )
    }
  })
  t.equal(mismatches, 0, `no mismatch in ${texts.length} texts (seed ${seed})`)
  // the generator must exercise every side
  t.ok(refused > 100 && refused < texts.length - 100, `${refused} of ${texts.length} texts refused by Python`)
  t.ok(compared > texts.length / 2, `sections compared for ${compared} texts`)
  // as parseIni chooses, once a leading byte-order mark is off
  const unlike = texts.filter(input => pyStrippingFor(input.replace(/^\ufeff/, '')).strip === pyStrip).length
  t.ok(unlike > 500 && unlike < texts.length - 500, `${unlike} of ${texts.length} texts stripped as only Python does`)
})
