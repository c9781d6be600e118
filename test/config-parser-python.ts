// parseIni against Python's own configparser.RawConfigParser (what the AWS CLI
// uses), on a few thousand generated texts: every text Python reads must give
// the same sections and no problem; every text Python refuses must give at
// least one problem. A failing case prints its seed and text.
import { spawnSync } from 'node:child_process'
import t from 'tap'
import { parseIni } from '../lib/config-parser.js'
import { prng, type Prng } from './helpers/prng.js'
import { hasCommand, missingReason } from './helpers/shells.js'

const PYTHON = `
import configparser, json, sys
out = []
for text in json.load(sys.stdin):
    p = configparser.RawConfigParser()
    try:
        # botocore reads the file: open() reads with universal newlines, read_string would not
        p.read_string(text.replace('\\r\\n', '\\n').replace('\\r', '\\n'))
    except configparser.Error:
        out.append(None)
        continue
    out.append([[s, dict(p.items(s))] for s in p.sections()])
json.dump(out, sys.stdout)
`

const NAMES = ['a', 'profile dev', 'Profile X', 'DEFAULT', 'default', 'sso-session s', 'a.b', 'a]b', ' x ']
const KEYS = ['region', 'Role_Arn', 'x', 'X', 'sso_session', 'k k', 'a.b', '']
const VALUES = ['eu-west-1', '', 'a = b', 'x:y', ' quoted "v" ', '#not a comment', 'é', 'v\u00a0', '\u3000v']
const SPACE = ['', ' ', '  ', '\t', '\x0b', '\x1c', '\u00a0', '\u2003']
const NEWLINES = ['\n', '\n', '\n', '\r\n', '\r']

const line = (r: Prng): string => {
  const ws = () => r.pick(SPACE)
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
  const lines = Array.from({ length: r.int(0, 12) }, () => line(r))
  let out = r.int(0, 30) ? '' : '\ufeff'
  for (const l of lines) out += l + r.pick(NEWLINES)
  return r.int(0, 3) ? out : out.slice(0, -1)
}

const skip = !hasCommand('python3') && missingReason('python3')

t.test('parseIni reads what Python configparser reads, and flags what it refuses', { skip }, async t => {
  const seed = Number(process.env.AWSCACHE_TEST_SEED ?? Date.now() % 1_000_000)
  const r = prng(seed)
  const texts = Array.from({ length: 3000 }, () => text(r))
  const py = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 28 })
  t.equal(py.status, 0, py.stderr)
  const expected = JSON.parse(py.stdout) as (null | [string, Record<string, string>][])[]
  let refused = 0
  let mismatches = 0
  texts.forEach((input, i) => {
    const ours = parseIni(input)
    const python = expected[i]
    const where = `seed ${seed}, text ${i}: ${JSON.stringify(input)}`
    if (python === null || python === undefined) {
      refused++
      if (ours.problems.length === 0 && mismatches++ < 5) t.fail(`Python refuses, parseIni reports nothing (${where})`)
      return
    }
    const got = [...ours.sections].map(([name, values]) => [name, { ...values }])
    if (ours.problems.length && mismatches++ < 5) t.fail(`Python reads it, parseIni reports ${ours.problems[0]} (${where})`)
    else if (JSON.stringify(got) !== JSON.stringify(python) && mismatches++ < 5) {
      t.same(got, python, where)
    }
  })
  t.equal(mismatches, 0, `no mismatch in ${texts.length} texts (seed ${seed})`)
  // the generator must exercise both sides
  t.ok(refused > 100 && refused < texts.length - 100, `${refused} of ${texts.length} texts refused by Python`)
})
